package io.dolphincluster.client;

import io.dolphincluster.protocol.wire.Frame;
import java.time.Duration;
import java.util.Objects;

/**
 * Timeouts and limits of a {@link DBConnection}.
 *
 * @param connectTimeout   to open a TCP connection to one datanode
 * @param requestTimeout   to wait for one answer; with high availability a timeout fails over
 * @param failoverDeadline with high availability, how long one call may keep failing over before it throws
 * @param retryPause       pause after every site was tried once without success, before trying again
 * @param maxFrameBytes    the largest frame sent or accepted (the server's limit should match)
 */
public record ClientOptions(Duration connectTimeout, Duration requestTimeout, Duration failoverDeadline, Duration retryPause,
                            int maxFrameBytes) {
    public ClientOptions {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(failoverDeadline, "failoverDeadline");
        Objects.requireNonNull(retryPause, "retryPause");
    }

    /** 5 s to connect, 30 s per answer, 60 s of failover per call, 200 ms between rounds, 64 MiB frames. */
    public static ClientOptions defaults() {
        return new ClientOptions(Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofMillis(200),
                Frame.DEFAULT_MAX_FRAME_BYTES);
    }

    public ClientOptions withRequestTimeout(Duration timeout) {
        return new ClientOptions(connectTimeout, timeout, failoverDeadline, retryPause, maxFrameBytes);
    }

    public ClientOptions withFailoverDeadline(Duration deadline) {
        return new ClientOptions(connectTimeout, requestTimeout, deadline, retryPause, maxFrameBytes);
    }
}
