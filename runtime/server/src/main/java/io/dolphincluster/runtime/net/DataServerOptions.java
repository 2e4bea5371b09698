package io.dolphincluster.runtime.net;

import io.dolphincluster.protocol.wire.Frame;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link DataServer} runs.
 *
 * @param alias the node's alias, prefixed to every log line
 * @param maxFrameBytes the largest frame accepted after login (larger: error and close)
 * @param loginFrameBytes the largest frame accepted before login, small so unauthenticated peers
 *     cannot make the server buffer much
 * @param idleTimeout a connection that sends nothing for this long and has no request in flight is
 *     closed (this also ends a connection stuck on a half frame)
 * @param frameTimeout a frame must arrive whole within this long of its first byte (ends a peer
 *     that trickles bytes to dodge the idle timeout)
 * @param ioThreads Netty worker threads
 * @param loginTimeout a connection that has not logged in this long after it opened is refused and
 *     closed
 * @param maxPendingLogins connections that have not logged in yet, at most; one more is closed at
 *     once
 * @param maxConnections connections at most, logged in or not; one more is closed at once
 * @param maxConnectionsPerAddress connections one client address may hold, logged in or not; one
 *     more from it is closed at once (above {@code maxConnections} it changes nothing)
 */
public record DataServerOptions(
        String alias,
        int maxFrameBytes,
        int loginFrameBytes,
        Duration idleTimeout,
        Duration frameTimeout,
        int ioThreads,
        Duration loginTimeout,
        int maxPendingLogins,
        int maxConnections,
        int maxConnectionsPerAddress) {
    public static final Duration DEFAULT_LOGIN_TIMEOUT = Duration.ofSeconds(10);
    public static final int DEFAULT_MAX_PENDING_LOGINS = 256;
    public static final int DEFAULT_MAX_CONNECTIONS = 1024;
    public static final int DEFAULT_MAX_CONNECTIONS_PER_ADDRESS = 256;

    public DataServerOptions {
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(frameTimeout, "frameTimeout");
        if (loginFrameBytes < Frame.HEADER_BYTES || maxFrameBytes < loginFrameBytes) {
            throw new IllegalArgumentException(
                    "need " + Frame.HEADER_BYTES + " <= loginFrameBytes <= maxFrameBytes");
        }
        if (idleTimeout.isNegative() || idleTimeout.isZero())
            throw new IllegalArgumentException("idleTimeout must be positive");
        if (frameTimeout.isNegative() || frameTimeout.isZero())
            throw new IllegalArgumentException("frameTimeout must be positive");
        if (ioThreads < 1) throw new IllegalArgumentException("ioThreads must be >= 1");
        Objects.requireNonNull(loginTimeout, "loginTimeout");
        if (loginTimeout.isNegative() || loginTimeout.isZero())
            throw new IllegalArgumentException("loginTimeout must be positive");
        if (maxPendingLogins < 1 || maxConnections < 1 || maxConnectionsPerAddress < 1)
            throw new IllegalArgumentException("connection limits must be >= 1");
    }

    /**
     * 64 MiB frames, 64 KiB before login, 5 minutes idle, 2 minutes per frame, 2 I/O threads; a
     * login within 10 s, at most 256 connections waiting to log in, 256 from one address and 1024
     * in all.
     */
    public static DataServerOptions defaults(String alias) {
        return new DataServerOptions(
                alias,
                Frame.DEFAULT_MAX_FRAME_BYTES,
                64 << 10,
                Duration.ofMinutes(5),
                Duration.ofMinutes(2),
                2,
                DEFAULT_LOGIN_TIMEOUT,
                DEFAULT_MAX_PENDING_LOGINS,
                DEFAULT_MAX_CONNECTIONS,
                DEFAULT_MAX_CONNECTIONS_PER_ADDRESS);
    }

    public DataServerOptions withIdleTimeout(Duration timeout) {
        return new DataServerOptions(
                alias,
                maxFrameBytes,
                loginFrameBytes,
                timeout,
                frameTimeout,
                ioThreads,
                loginTimeout,
                maxPendingLogins,
                maxConnections,
                maxConnectionsPerAddress);
    }

    public DataServerOptions withLoginTimeout(Duration timeout) {
        return new DataServerOptions(
                alias,
                maxFrameBytes,
                loginFrameBytes,
                idleTimeout,
                frameTimeout,
                ioThreads,
                timeout,
                maxPendingLogins,
                maxConnections,
                maxConnectionsPerAddress);
    }

    public DataServerOptions withFrameTimeout(Duration timeout) {
        return new DataServerOptions(
                alias,
                maxFrameBytes,
                loginFrameBytes,
                idleTimeout,
                timeout,
                ioThreads,
                loginTimeout,
                maxPendingLogins,
                maxConnections,
                maxConnectionsPerAddress);
    }

    public DataServerOptions withMaxFrameBytes(int max) {
        return new DataServerOptions(
                alias,
                max,
                Math.min(loginFrameBytes, max),
                idleTimeout,
                frameTimeout,
                ioThreads,
                loginTimeout,
                maxPendingLogins,
                maxConnections,
                maxConnectionsPerAddress);
    }

    /**
     * With another login timeout and limits on connections waiting to log in and on all
     * connections.
     */
    public DataServerOptions withLoginLimits(Duration timeout, int pendingLogins, int connections) {
        return new DataServerOptions(
                alias,
                maxFrameBytes,
                loginFrameBytes,
                idleTimeout,
                frameTimeout,
                ioThreads,
                timeout,
                pendingLogins,
                connections,
                maxConnectionsPerAddress);
    }

    /** With another limit on the connections of one client address. */
    public DataServerOptions withMaxConnectionsPerAddress(int perAddress) {
        return new DataServerOptions(
                alias,
                maxFrameBytes,
                loginFrameBytes,
                idleTimeout,
                frameTimeout,
                ioThreads,
                loginTimeout,
                maxPendingLogins,
                maxConnections,
                perAddress);
    }
}
