package io.dolphincluster.runtime.testkit;

import io.dolphincluster.protocol.auth.ClusterCredential;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;

/**
 * One controller run as a real process of {@code bin/dolphin} on its machine, from its own
 * directory laid out as the seed lays out a server ({@code config/}, {@code data/}, {@code log/}),
 * with the seed's flags.
 */
public final class ControllerProcess extends NodeProcess {
    private final int port;
    private final ClusterCredential credential;
    private final TestTls tls;

    ControllerProcess(
            String alias,
            Machine machine,
            int port,
            Path dir,
            ClusterCredential credential,
            TestTls tls) {
        super(alias, "controller", dir, machine);
        this.port = port;
        this.credential = credential;
        this.tls = tls;
    }

    public int port() {
        return port;
    }

    public String site() {
        return machine().host() + ":" + port;
    }

    /**
     * Its API as the test kit itself: a member node ({@code testkit}) with the cluster's
     * credential.
     */
    public AdminClient admin() {
        return tls.admin(site(), Credentials.member("testkit", credential));
    }

    /** Its API with these credentials. */
    public AdminClient admin(Credentials credentials) {
        return tls.admin(site(), credentials);
    }

    /**
     * Waits until this controller accepts the seed's admin login: a new cluster's first leader
     * creates the admin user just after its election, and a follower knows it once it has applied
     * that entry.
     */
    public void awaitAdminUser(Duration timeout) {
        Awaitility.await(alias() + " knows the admin user")
                .atMost(timeout)
                .pollInterval(Duration.ofMillis(100))
                .ignoreExceptions()
                .until(() -> admin(Credentials.ADMIN).get("/api/leader").ok());
    }
}
