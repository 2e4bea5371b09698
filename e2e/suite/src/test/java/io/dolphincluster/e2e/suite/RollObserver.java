package io.dolphincluster.e2e.suite;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.readiness.Readiness;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Watches a rolling change by sampling the cluster's pods every {@value #PERIOD_MILLIS} ms:
 * records, in order, each pod whose incarnation (uid) ended — it was marked for deletion or
 * replaced by a new uid, so none is missed even between samples — and, per role, the most pods that
 * were at once not Ready (missing, deleting or not ready) against the expected count. Two deletions
 * less than a sample apart would be indistinguishable in order, but they would also break
 * one-at-a-time, which the missing counts catch.
 */
final class RollObserver implements AutoCloseable {
    static final long PERIOD_MILLIS = 250;
    static final String COMPONENT_LABEL = "app.kubernetes.io/component";

    private final Supplier<List<Pod>> pods;
    private final Map<String, Integer> expected;
    private final Map<String, String> uidOfPod = new HashMap<>();
    private final Set<String> endedUids = new HashSet<>();
    private final List<String> rolled = new ArrayList<>();
    private final List<String> timeline = new ArrayList<>();
    private final long startNanos = System.nanoTime();
    private final Map<String, Integer> mostMissing = new ConcurrentHashMap<>();
    private int mostMissingTogether;
    private String worstSample = "";
    private final ScheduledExecutorService thread =
            Executors.newSingleThreadScheduledExecutor(
                    r -> {
                        Thread t = new Thread(r, "roll-observer");
                        t.setDaemon(true);
                        return t;
                    });
    private volatile RuntimeException lastError;

    /** {@code expectedPerRole}: component label value to the pod count the role should have. */
    RollObserver(Supplier<List<Pod>> pods, Map<String, Integer> expectedPerRole) {
        this.pods = pods;
        this.expected = Map.copyOf(expectedPerRole);
        expected.keySet().forEach(role -> mostMissing.put(role, 0));
    }

    RollObserver start() {
        sample();
        thread.scheduleWithFixedDelay(
                this::sampleQuietly, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
        return this;
    }

    /** Pod names in the order their incarnations ended. */
    synchronized List<String> rolled() {
        return List.copyOf(rolled);
    }

    /** Each ended incarnation as {@code name +seconds} from the observer's start, in order. */
    synchronized List<String> timeline() {
        return List.copyOf(timeline);
    }

    /** Per role, the most pods that were not Ready at one sample. */
    Map<String, Integer> mostMissing() {
        return Map.copyOf(mostMissing);
    }

    /** The most pods, of all roles together, that were not Ready at one sample. */
    synchronized int mostMissingTogether() {
        return mostMissingTogether;
    }

    /**
     * The sample where the most pods were not Ready together: when, and which pods were not Ready.
     */
    synchronized String worstSample() {
        return worstSample;
    }

    private void sampleQuietly() {
        try {
            sample();
        } catch (RuntimeException e) {
            lastError = e; // the API server answers again at the next sample
        }
    }

    private synchronized void sample() {
        Map<String, Integer> ready = new HashMap<>();
        List<String> notReady = new ArrayList<>();
        Set<String> present = new HashSet<>();
        for (Pod pod : pods.get()) {
            String name = pod.getMetadata().getName();
            String uid = pod.getMetadata().getUid();
            present.add(name);
            String earlier = uidOfPod.put(name, uid);
            if (earlier != null && !earlier.equals(uid)) ended(name, earlier);
            if (pod.getMetadata().getDeletionTimestamp() != null) {
                ended(name, uid);
                notReady.add(name + " (deleting)");
            } else if (isReady(pod)) {
                ready.merge(
                        pod.getMetadata().getLabels().getOrDefault(COMPONENT_LABEL, ""),
                        1,
                        Integer::sum);
            } else {
                notReady.add(name + " (not ready)");
            }
        }
        uidOfPod.keySet().stream()
                .filter(name -> !present.contains(name))
                .sorted()
                .forEach(name -> notReady.add(name + " (absent)"));
        int together = 0;
        for (Map.Entry<String, Integer> role : expected.entrySet()) {
            int missing = Math.max(0, role.getValue() - ready.getOrDefault(role.getKey(), 0));
            mostMissing.merge(role.getKey(), missing, Math::max);
            together += missing;
        }
        if (together > mostMissingTogether) {
            mostMissingTogether = together;
            worstSample =
                    String.format(
                            java.util.Locale.ROOT,
                            "+%.1fs: %s",
                            (System.nanoTime() - startNanos) / 1e9,
                            notReady);
        }
    }

    private void ended(String name, String uid) {
        if (endedUids.add(uid)) {
            rolled.add(name);
            timeline.add(
                    String.format(
                            java.util.Locale.ROOT,
                            "%s +%.1fs",
                            name,
                            (System.nanoTime() - startNanos) / 1e9));
        }
    }

    static boolean isReady(Pod pod) {
        return pod.getMetadata().getDeletionTimestamp() == null && Readiness.isPodReady(pod);
    }

    /** The last error of a sample, if any (null when every sample read the pods). */
    RuntimeException lastError() {
        return lastError;
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
