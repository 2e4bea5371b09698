package io.dolphincluster.runtime.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.dolphincluster.pki.Pem;
import io.dolphincluster.runtime.http.MetricsRoute;
import io.dolphincluster.runtime.metrics.MetricsScrape;
import io.dolphincluster.runtime.metrics.ProcessMetrics;
import io.dolphincluster.runtime.metrics.PrometheusTextParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A node's certificate and CA expiry in {@code /metrics}, scraped over HTTP. */
class CertificateMetersTest {
    @TempDir Path dir;

    @Test
    void theServedCertificateAndTheCaExpiryAreServedInUnixSeconds() throws Exception {
        TestPki pki = new TestPki(dir.resolve("ca"));
        TlsFiles files = pki.issue(dir.resolve("node"), "controller1", "localhost");
        X509Certificate served = Pem.certificates(Files.readAllBytes(files.cert())).get(0);
        ProcessMetrics metrics = new ProcessMetrics();

        CertificateMeters.register(metrics, "controller1", ClusterTls.on(files));
        PrometheusTextParser.Parsed parsed = MetricsScrape.overHttp(MetricsRoute.of(metrics));

        assertThat(
                        parsed.value(
                                "dolphin_tls_certificate_expiry_timestamp_seconds",
                                "node",
                                "controller1"))
                .isEqualTo(served.getNotAfter().toInstant().getEpochSecond());
        assertThat(parsed.value("dolphin_tls_ca_expiry_timestamp_seconds", "node", "controller1"))
                .isEqualTo(pki.ca().certificate().getNotAfter().toInstant().getEpochSecond());
    }

    @Test
    void withoutTlsNothingIsRegistered() throws Exception {
        ProcessMetrics metrics = new ProcessMetrics();

        CertificateMeters.register(metrics, "controller1", ClusterTls.off());

        assertThat(MetricsScrape.overHttp(MetricsRoute.of(metrics)).types())
                .doesNotContainKeys(
                        "dolphin_tls_certificate_expiry_timestamp_seconds",
                        "dolphin_tls_ca_expiry_timestamp_seconds");
    }
}
