package io.dolphincluster.runtime.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.stream.LongStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a closed-loop write load against a {@link KvTarget}, as set by a {@link LoadPlan}.
 *
 * <p>Closed loop: {@code concurrency} workers each send one put, wait for its outcome, and only
 * then send the next, so exactly {@code concurrency} requests are in flight while work remains.
 * Operation {@code n} (counting warm-up first, from 0) writes key {@link #key(int) bench.n} with
 * the same {@link #payload(int) ASCII payload} of {@code valueSize} bytes. The warm-up phase
 * finishes before the measured phase starts, and only the measured phase is reported.
 *
 * <p>Guarantees: a run issues at most {@code warmupOps + measuredOps} puts and returns within about
 * the plan's time limit: no put is sent after the limit, and one still in flight at the limit is
 * cancelled and counted as an error. Latency is measured with {@link System#nanoTime()} from just
 * before {@code put} is called until its future has completed.
 */
public final class LoadGenerator {

    private static final Logger LOG = LoggerFactory.getLogger(LoadGenerator.class);
    private static final String KEY_PREFIX = "bench.";
    private static final long NOT_SUCCEEDED = -1;

    /**
     * How long past the time limit to wait for workers that are stuck inside a target's put call.
     */
    private static final long JOIN_GRACE_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final LoadPlan plan;
    private final byte[] value;
    private final Timeline timeline = Timeline.fromSystemProperty();

    public LoadGenerator(LoadPlan plan) {
        this.plan = plan;
        this.value = payload(plan.valueSize());
    }

    /** The key written by operation {@code n} (warm-up operations first, counting from 0). */
    public static String key(int n) {
        return KEY_PREFIX + n;
    }

    /** The value every operation writes: {@code size} bytes of lower-case ASCII letters. */
    public static byte[] payload(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) ('a' + i % 26);
        }
        return bytes;
    }

    /** Runs the warm-up phase, then the measured phase, and summarises the measured one. */
    public LoadResult run(KvTarget target) {
        long deadline = System.nanoTime() + plan.timeLimit().toNanos();
        PhaseOutcome warmup = runPhase(target, "warm-up", 0, plan.warmupOps(), deadline);
        if (warmup.errors() > 0) {
            LOG.warn(
                    "{}: {} of {} warm-up operations failed",
                    target.name(),
                    warmup.errors(),
                    plan.warmupOps());
        }
        PhaseOutcome measured =
                runPhase(target, "measured", plan.warmupOps(), plan.measuredOps(), deadline);
        long attempted = measured.successLatencies().length + measured.errors();
        if (attempted < plan.measuredOps()) {
            LOG.warn(
                    "{}: time limit {} reached after {} of {} measured operations",
                    target.name(),
                    plan.timeLimit(),
                    attempted,
                    plan.measuredOps());
        }
        return LoadResult.of(
                measured.successLatencies(), measured.errors(), measured.elapsedNanos());
    }

    private PhaseOutcome runPhase(
            KvTarget target, String phase, int firstOp, int count, long deadline) {
        if (count == 0) {
            return new PhaseOutcome(new long[0], 0, 0);
        }
        AtomicLongArray latencies = new AtomicLongArray(count);
        AtomicLongArray startMillis = new AtomicLongArray(count);
        for (int i = 0; i < count; i++) {
            latencies.set(i, NOT_SUCCEEDED);
        }
        AtomicInteger nextTicket = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        AtomicLong lastFinish = new AtomicLong(Long.MIN_VALUE);
        CountDownLatch startGate = new CountDownLatch(1);

        List<Thread> workers = new ArrayList<>();
        int workerCount = Math.min(plan.concurrency(), count);
        for (int w = 0; w < workerCount; w++) {
            Thread worker =
                    new Thread(
                            () -> {
                                awaitGate(startGate);
                                work(
                                        target,
                                        phase,
                                        firstOp,
                                        count,
                                        deadline,
                                        nextTicket,
                                        latencies,
                                        startMillis,
                                        errors);
                                long finished = System.nanoTime();
                                lastFinish.accumulateAndGet(
                                        finished,
                                        (a, b) -> a == Long.MIN_VALUE || b - a > 0 ? b : a);
                            },
                            "load-" + target.name() + "-" + phase + "-" + w);
            worker.setDaemon(true);
            worker.start();
            workers.add(worker);
        }
        long started = System.nanoTime();
        startGate.countDown();
        joinAll(workers, deadline + JOIN_GRACE_NANOS);

        long elapsed =
                lastFinish.get() == Long.MIN_VALUE
                        ? System.nanoTime() - started
                        : lastFinish.get() - started;
        long[] successes =
                LongStream.range(0, count)
                        .map(i -> latencies.get((int) i))
                        .filter(latency -> latency != NOT_SUCCEEDED)
                        .toArray();
        timeline.record(target.name(), phase, plan.concurrency(), startMillis, latencies);
        return new PhaseOutcome(successes, errors.get(), elapsed);
    }

    private void work(
            KvTarget target,
            String phase,
            int firstOp,
            int count,
            long deadline,
            AtomicInteger nextTicket,
            AtomicLongArray latencies,
            AtomicLongArray startMillis,
            AtomicInteger errors) {
        while (true) {
            int ticket = nextTicket.getAndIncrement();
            if (ticket >= count) {
                return;
            }
            long start = System.nanoTime();
            if (deadline - start <= 0) {
                return;
            }
            startMillis.set(ticket, System.currentTimeMillis());
            CompletableFuture<Void> put;
            try {
                put = target.put(key(firstOp + ticket), value);
            } catch (RuntimeException e) {
                recordError(target, phase, errors, e);
                continue;
            }
            try {
                put.get(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                latencies.set(ticket, System.nanoTime() - start);
            } catch (ExecutionException e) {
                recordError(target, phase, errors, e.getCause());
            } catch (TimeoutException e) {
                put.cancel(true);
                recordError(
                        target,
                        phase,
                        errors,
                        new TimeoutException("time limit reached with the put in flight"));
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                recordError(target, phase, errors, e);
                return;
            }
        }
    }

    private static void recordError(
            KvTarget target, String phase, AtomicInteger errors, Throwable cause) {
        if (errors.incrementAndGet() == 1) {
            LOG.warn("{} {}: first failed put: {}", target.name(), phase, String.valueOf(cause));
        } else {
            LOG.debug("{} {}: failed put: {}", target.name(), phase, String.valueOf(cause));
        }
    }

    private static void awaitGate(CountDownLatch gate) {
        try {
            gate.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void joinAll(List<Thread> workers, long joinDeadline) {
        try {
            for (Thread worker : workers) {
                long left = joinDeadline - System.nanoTime();
                if (left > 0) {
                    TimeUnit.NANOSECONDS.timedJoin(worker, left);
                }
                if (worker.isAlive()) {
                    LOG.warn(
                            "worker {} still inside a put after the time limit; leaving it",
                            worker.getName());
                    worker.interrupt();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            workers.forEach(Thread::interrupt);
        }
    }

    private record PhaseOutcome(long[] successLatencies, long errors, long elapsedNanos) {}
}
