package io.dolphincluster.client;

import io.dolphincluster.protocol.wire.Frame;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.File;
import java.time.Duration;
import java.util.Objects;

/**
 * Timeouts and limits of a {@link DBConnection}.
 *
 * @param connectTimeout to open a TCP connection to one datanode
 * @param requestTimeout to wait for one answer; with high availability a timeout fails over
 * @param failoverDeadline with high availability, how long one call may keep failing over before it
 *     throws
 * @param retryPause pause after every site was tried once without success, before trying again
 * @param maxFrameBytes the largest frame sent or accepted (the server's limit should match)
 * @param tls TLS to the datanodes (a cluster with {@code enableHTTPS=true}), or null for plain TCP
 */
public record ClientOptions(
        Duration connectTimeout,
        Duration requestTimeout,
        Duration failoverDeadline,
        Duration retryPause,
        int maxFrameBytes,
        SslContext tls) {
    public ClientOptions {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(failoverDeadline, "failoverDeadline");
        Objects.requireNonNull(retryPause, "retryPause");
    }

    /**
     * 5 s to connect, 30 s per answer, 60 s of failover per call, 200 ms between rounds, 64 MiB
     * frames.
     */
    public static ClientOptions defaults() {
        return new ClientOptions(
                Duration.ofSeconds(5),
                Duration.ofSeconds(30),
                Duration.ofSeconds(60),
                Duration.ofMillis(200),
                Frame.DEFAULT_MAX_FRAME_BYTES,
                null);
    }

    public ClientOptions withRequestTimeout(Duration timeout) {
        return new ClientOptions(
                connectTimeout, timeout, failoverDeadline, retryPause, maxFrameBytes, tls);
    }

    public ClientOptions withFailoverDeadline(Duration deadline) {
        return new ClientOptions(
                connectTimeout, requestTimeout, deadline, retryPause, maxFrameBytes, tls);
    }

    /** TLS to the datanodes with this context (null: plain TCP). */
    public ClientOptions withTls(SslContext context) {
        return new ClientOptions(
                connectTimeout,
                requestTimeout,
                failoverDeadline,
                retryPause,
                maxFrameBytes,
                context);
    }

    /**
     * TLS to the datanodes of a cluster with {@code enableHTTPS=true}, trusting the CA certificates
     * of {@code caFile} (PEM, e.g. the {@code ca.crt} of {@code bin/dolphin certs}) and checking
     * that each datanode's certificate names the host connected to.
     */
    public ClientOptions withTrustedCa(File caFile) {
        try {
            return withTls(
                    SslContextBuilder.forClient()
                            .sslProvider(SslProvider.JDK)
                            .trustManager(caFile)
                            .endpointIdentificationAlgorithm("HTTPS")
                            .build());
        } catch (javax.net.ssl.SSLException | IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    caFile + ": expected PEM CA certificates: " + e.getMessage(), e);
        }
    }
}
