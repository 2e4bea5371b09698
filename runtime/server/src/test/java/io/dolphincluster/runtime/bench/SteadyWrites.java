package io.dolphincluster.runtime.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An open-loop write load at a fixed rate: one put every {@code 1/rate} seconds whether or not the
 * earlier ones have completed, as clients of a service arrive. Records each put's latency and
 * counts the ones that failed; puts still in flight at the end are counted as failed.
 */
final class SteadyWrites {
    /** What the load saw. Latencies in ms of the puts that succeeded. */
    record Outcome(int sent, int failed, double[] latenciesMillis, double seconds) {
        double perSecond() {
            return latenciesMillis.length / seconds;
        }
    }

    private final KvTarget target;
    private final int perSecond;
    private final byte[] value;
    private final Duration drain;

    /**
     * @param drain how long to wait at the end for the puts still in flight
     */
    SteadyWrites(KvTarget target, int perSecond, int valueSize, Duration drain) {
        if (perSecond < 1) throw new IllegalArgumentException("rate must be at least 1 per second");
        this.target = target;
        this.perSecond = perSecond;
        this.value = LoadGenerator.payload(valueSize);
        this.drain = drain;
    }

    /** Writes for {@code duration}, then waits (at most the drain time) for the puts in flight. */
    Outcome run(Duration duration) throws InterruptedException {
        List<Double> latencies = new ArrayList<>();
        List<CompletableFuture<Void>> inFlight = new ArrayList<>();
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger sent = new AtomicInteger();
        ScheduledExecutorService ticker =
                Executors.newSingleThreadScheduledExecutor(
                        new DaemonThreadFactory("steady-writes"));
        long started = System.nanoTime();
        try {
            ticker.scheduleAtFixedRate(
                    () -> {
                        int n = sent.getAndIncrement();
                        long sentAt = System.nanoTime();
                        CompletableFuture<Void> put =
                                target.put(LoadGenerator.key(n), value)
                                        .whenComplete(
                                                (ok, failure) -> {
                                                    if (failure != null) {
                                                        failed.incrementAndGet();
                                                        return;
                                                    }
                                                    double millis =
                                                            (System.nanoTime() - sentAt) / 1e6;
                                                    synchronized (latencies) {
                                                        latencies.add(millis);
                                                    }
                                                });
                        synchronized (inFlight) {
                            inFlight.removeIf(CompletableFuture::isDone);
                            inFlight.add(put);
                        }
                    },
                    0,
                    TimeUnit.SECONDS.toNanos(1) / perSecond,
                    TimeUnit.NANOSECONDS);
            Thread.sleep(duration.toMillis()); // the length of the load, not a wait for a condition
        } finally {
            ticker.shutdownNow();
            ticker.awaitTermination(1, TimeUnit.SECONDS);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        List<CompletableFuture<Void>> left;
        synchronized (inFlight) {
            left = List.copyOf(inFlight);
        }
        try {
            CompletableFuture.allOf(left.toArray(CompletableFuture[]::new))
                    .get(drain.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // counted below: a failed put already counted itself, a stuck one is counted here
        }
        int stuck = (int) left.stream().filter(f -> !f.isDone()).count();
        double[] millis;
        synchronized (latencies) {
            millis = latencies.stream().mapToDouble(Double::doubleValue).toArray();
        }
        return new Outcome(sent.get(), failed.get() + stuck, millis, seconds);
    }
}
