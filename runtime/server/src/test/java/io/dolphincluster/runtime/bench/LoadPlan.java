package io.dolphincluster.runtime.bench;

import java.time.Duration;

/**
 * What a {@link LoadGenerator} run does: {@code concurrency} requests in flight at all times, each
 * writing {@code valueSize} bytes; first {@code warmupOps} unmeasured operations, then {@code
 * measuredOps} measured ones; and never longer than {@code timeLimit} in all, whatever the target
 * does.
 */
public record LoadPlan(
        int concurrency, int valueSize, int warmupOps, int measuredOps, Duration timeLimit) {

    public LoadPlan {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1: " + concurrency);
        }
        if (valueSize < 0 || warmupOps < 0 || measuredOps < 1) {
            throw new IllegalArgumentException(
                    "need valueSize >= 0, warmupOps >= 0, measuredOps >= 1: "
                            + valueSize
                            + ", "
                            + warmupOps
                            + ", "
                            + measuredOps);
        }
        if (timeLimit.isNegative() || timeLimit.isZero()) {
            throw new IllegalArgumentException("timeLimit must be positive: " + timeLimit);
        }
    }
}
