package io.dolphincluster.runtime.testkit;

import io.dolphincluster.runtime.config.TlsKeys;
import io.dolphincluster.runtime.tls.ClusterTls;
import io.dolphincluster.runtime.tls.TestPki;
import io.dolphincluster.runtime.tls.TlsFileException;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The TLS of a test cluster: off, or on ({@code enableHTTPS=true} in the controllers' settings)
 * with a CA in {@code <root>/ca}, a certificate per process in its {@code config/tls/} (the default
 * files), and the test kit's own client trusting that CA and checking host names.
 */
public final class TestTls {
    private static final TestTls OFF = new TestTls(null, ClusterTls.off());

    private final TestPki pki;
    private final ClusterTls client;

    private TestTls(TestPki pki, ClusterTls client) {
        this.pki = pki;
        this.client = client;
    }

    /** On when {@code settings} hold {@code enableHTTPS=true}. */
    static TestTls of(Path root, Map<String, String> settings) throws IOException {
        if (!"true".equals(settings.get(TlsKeys.ENABLE))) return OFF;
        TestPki pki = new TestPki(root.resolve("ca"));
        try {
            return new TestTls(
                    pki,
                    ClusterTls.on(
                            pki.issue(root.resolve("testkit-tls"), "127.0.0.1", "localhost")));
        } catch (TlsFileException e) {
            throw new IOException(e);
        }
    }

    public boolean enabled() {
        return client.enabled();
    }

    /** The test kit's TLS as a client (a member's certificate, the cluster CA). */
    public ClusterTls client() {
        return client;
    }

    public TestPki pki() {
        return pki;
    }

    /**
     * Writes a certificate for {@code host} (and localhost) into {@code dir/config/tls}; nothing
     * when off.
     */
    void provision(Path dir, String host) throws IOException {
        if (enabled()) pki.issue(dir.resolve("config").resolve("tls"), host, "localhost");
    }

    /** The config lines that turn TLS on with the default files; none when off. */
    List<String> configLines() {
        return enabled() ? List.of(TlsKeys.ENABLE + "=true") : List.of();
    }

    AdminClient admin(String hostPort, Credentials credentials) {
        HttpClient http = client.httpClient().connectTimeout(Duration.ofSeconds(2)).build();
        return new AdminClient(client.scheme() + "://" + hostPort, credentials, http);
    }
}
