package io.dolphincluster.e2e.harness.kubelet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostsFileTest {
    @TempDir Path dir;

    @Test
    void listsLocalhostAndEveryPodNameUntilRemoved() throws Exception {
        HostsFile hosts = new HostsFile(dir.resolve("etc/hosts"));
        assertThat(Files.readAllLines(hosts.path()))
                .anyMatch(line -> line.startsWith("127.0.0.1 localhost "));

        hosts.put("127.9.0.2", List.of("a-0.a.ns.svc", "a-0.a.ns.svc.cluster.local"));
        hosts.put("127.9.0.3", List.of("b-0.b.ns.svc"));
        assertThat(Files.readAllLines(hosts.path()))
                .contains(
                        "127.9.0.2 a-0.a.ns.svc a-0.a.ns.svc.cluster.local",
                        "127.9.0.3 b-0.b.ns.svc");

        hosts.remove("127.9.0.2");
        assertThat(Files.readString(hosts.path()))
                .doesNotContain("a-0.a.ns.svc")
                .contains("b-0.b.ns.svc");
        try (var files = Files.list(hosts.path().getParent())) {
            assertThat(files).as("no temporary files left").hasSize(1);
        }
    }
}
