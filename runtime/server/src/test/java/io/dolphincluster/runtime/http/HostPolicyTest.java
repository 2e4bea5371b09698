package io.dolphincluster.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HostPolicyTest {
    private final HostPolicy policy =
            new HostPolicy(List.of("db.example.com", "Controller1.Corp.Example."));

    @Test
    void addressesLocalhostAndTheGivenNamesAreAnsweredWithOrWithoutAPort() {
        for (String host :
                List.of(
                        "127.0.0.1",
                        "127.0.0.1:8900",
                        "10.1.2.3:80",
                        "[::1]:8900",
                        "[fe80::1%eth0]",
                        "localhost",
                        "localhost:8900",
                        "LOCALHOST",
                        "db.example.com:8900",
                        "DB.Example.Com",
                        "db.example.com.",
                        "controller1.corp.example")) {
            assertThat(policy.allows(host)).as(host).isTrue();
        }
    }

    @Test
    void namesNoPublicDnsCanServeAreAnswered() {
        for (String host :
                List.of(
                        "controller1",
                        "controller1:8900",
                        "app.localhost",
                        "box.local",
                        "db.internal",
                        "dolphin-controller-0.dolphin-controller.default.svc:8900",
                        "x.default.svc.cluster.local")) {
            assertThat(policy.allows(host)).as(host).isTrue();
        }
    }

    @Test
    void anyOtherPublicNameIsRefused() {
        for (String host :
                List.of(
                        "evil.example",
                        "attacker.com:8900",
                        "db.example.com.evil.net",
                        "example.com",
                        "127.0.0.1.nip.io",
                        "localhost.attacker.com",
                        "svc.attacker.com",
                        "",
                        ":8900",
                        "[::1")) {
            assertThat(policy.allows(host)).as(host).isFalse();
        }
    }

    @Test
    void noHostHeaderIsNoBrowser() {
        assertThat(policy.allows(null)).isTrue();
    }
}
