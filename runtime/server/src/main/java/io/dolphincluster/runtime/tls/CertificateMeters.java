package io.dolphincluster.runtime.tls;

import io.dolphincluster.runtime.metrics.ProcessMetrics;
import io.micrometer.core.instrument.Tags;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * When a node's TLS material expires, in {@code /metrics}, so an alert can fire before it does:
 * {@code dolphin_tls_certificate_expiry_timestamp_seconds{node}} (the certificate the node serves)
 * and {@code dolphin_tls_ca_expiry_timestamp_seconds{node}} (the first of the CAs it trusts to
 * expire), Unix seconds, read from the files as they are at each scrape (rotated files show at
 * once). Nothing is registered when TLS is off.
 */
public final class CertificateMeters {
    private CertificateMeters() {}

    public static void register(ProcessMetrics metrics, String alias, ClusterTls tls) {
        if (!tls.enabled()) return;
        Tags node = Tags.of("node", alias);
        metrics.gauge(
                "dolphin_tls_certificate_expiry_timestamp_seconds",
                "when the certificate this node serves expires (Unix seconds)",
                node,
                () -> expiry(List.of(tls.material().chain().get(0))));
        metrics.gauge(
                "dolphin_tls_ca_expiry_timestamp_seconds",
                "when the first of the CA certificates this node trusts expires (Unix seconds)",
                node,
                () -> expiry(tls.material().ca()));
    }

    private static double expiry(List<X509Certificate> certificates) {
        return certificates.stream()
                .mapToLong(c -> c.getNotAfter().toInstant().getEpochSecond())
                .min()
                .orElse(0);
    }
}
