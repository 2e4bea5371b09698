package io.dolphincluster.runtime;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * At most one log line per interval, for refusals that come in floods (a full port, a wrong Host,
 * plain text on a TLS port): a flood must not flood the log too. Thread-safe; the first call is due
 * at once.
 */
public final class LogThrottle {
    private final long intervalNanos;
    private final AtomicLong last;

    public LogThrottle(Duration interval) {
        this.intervalNanos = interval.toNanos();
        this.last = new AtomicLong(System.nanoTime() - intervalNanos);
    }

    /** One line every 10 s. */
    public static LogThrottle everyTenSeconds() {
        return new LogThrottle(Duration.ofSeconds(10));
    }

    /** Whether a line may be logged now; true for one caller per interval. */
    public boolean due() {
        long now = System.nanoTime();
        long before = last.get();
        return now - before >= intervalNanos && last.compareAndSet(before, now);
    }
}
