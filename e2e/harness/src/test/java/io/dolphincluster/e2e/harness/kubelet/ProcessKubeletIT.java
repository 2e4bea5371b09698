package io.dolphincluster.e2e.harness.kubelet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dolphincluster.e2e.harness.LocalControlPlane;
import io.dolphincluster.e2e.harness.LocalControlPlaneExtension;
import io.dolphincluster.e2e.harness.SimulatedNodes;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.readiness.Readiness;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The process kubelet on a real control plane: a pod (a shell script that starts a tiny Java HTTP
 * server) gets its address, downward-API and Secret environment, ConfigMap files and a claim that
 * outlives restarts; its readiness probe makes it Ready; a crashed process is restarted and
 * counted; a node kill stops it and marks it not Ready, a revive starts it again; deletion stops it
 * (SIGTERM) and removes the pod. Paths are mapped in the command, arguments and environment only
 * (never inside a script), hence DATA_DIR.
 */
class ProcessKubeletIT {
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @RegisterExtension
    static final LocalControlPlaneExtension KUBE =
            new LocalControlPlaneExtension(
                    LocalControlPlane.Options.defaults().withScheduler(false));

    @TempDir Path temp;

    @Test
    void runsAPodAsAProcessThroughItsWholeLife() throws Exception {
        KubernetesClient client = KUBE.client();
        Path image = Files.createDirectories(temp.resolve("image"));
        Files.writeString(
                image.resolve("Server.java"),
                """
                import com.sun.net.httpserver.HttpServer;
                import java.net.InetSocketAddress;
                public class Server {
                    public static void main(String[] args) throws Exception {
                        HttpServer server = HttpServer.create(new InetSocketAddress(System.getenv("POD_IP"), 8080), 0);
                        server.createContext("/ready", exchange -> { exchange.sendResponseHeaders(200, -1); exchange.close(); });
                        server.start();
                    }
                }
                """);
        Path script = image.resolve("run.sh");
        Files.writeString(
                script,
                """
                #!/bin/sh
                echo "$POD_NAME $POD_NAMESPACE $NODE_NAME $POD_IP $PASSWORD $GREETING_FILE" > "$1/env"
                cat "$GREETING_FILE" > "$1/greeting"
                echo started >> "$DATA_DIR/starts"
                exec "$JAVA" "$(dirname "$0")/Server.java"
                """);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path out = Files.createDirectories(temp.resolve("out"));

        try (SimulatedNodes nodes = new SimulatedNodes(client);
                ProcessKubelet kubelet =
                        new ProcessKubelet(
                                        client,
                                        nodes,
                                        temp.resolve("kubelet"),
                                        new HostsFile(temp.resolve("hosts")))
                                .withImage("example/server:1", "/img", image)) {
            kubelet.addNode("node-1", "zone-a").start();
            client.secrets()
                    .resource(
                            new SecretBuilder()
                                    .withNewMetadata()
                                    .withName("creds")
                                    .endMetadata()
                                    .addToStringData("password", "s3cret")
                                    .build())
                    .create();
            client.configMaps()
                    .resource(
                            new ConfigMapBuilder()
                                    .withNewMetadata()
                                    .withName("files")
                                    .endMetadata()
                                    .addToData("greeting.txt", "hello")
                                    .build())
                    .create();
            client.persistentVolumeClaims()
                    .resource(
                            new PersistentVolumeClaimBuilder()
                                    .withNewMetadata()
                                    .withName("state")
                                    .endMetadata()
                                    .withNewSpec()
                                    .withAccessModes("ReadWriteOnce")
                                    .withNewResources()
                                    .addToRequests("storage", new Quantity("1Gi"))
                                    .endResources()
                                    .endSpec()
                                    .build())
                    .create();
            client.pods().resource(pod(out)).create();

            Pod ready = awaitReady("web-0");
            String ip = ready.getStatus().getPodIP();
            assertThat(ip).startsWith("127.");
            assertThat(Files.readString(out.resolve("env")).trim())
                    .isEqualTo(
                            "web-0 default node-1 "
                                    + ip
                                    + " s3cret /etc/files/greeting.txt"
                                            .replace(
                                                    "/etc/files",
                                                    temp.toString()
                                                            + "/kubelet/pods/default_web-0_"
                                                            + ready.getMetadata()
                                                                    .getUid()
                                                                    .substring(0, 8)
                                                            + "/volumes/files"));
            assertThat(Files.readString(out.resolve("greeting"))).isEqualTo("hello");
            assertThat(Files.readString(temp.resolve("hosts")))
                    .contains(ip + " web-0.web.default.svc web-0.web.default.svc.cluster.local");

            long firstPid = kubelet.pid("default", "web-0").orElseThrow();
            ProcessHandle.of(firstPid).orElseThrow().destroyForcibly();
            await("restarted after a crash")
                    .atMost(DEADLINE)
                    .untilAsserted(
                            () -> {
                                Pod pod = client.pods().withName("web-0").get();
                                assertThat(
                                                pod.getStatus()
                                                        .getContainerStatuses()
                                                        .get(0)
                                                        .getRestartCount())
                                        .isEqualTo(1);
                                assertThat(isReady(pod)).isTrue();
                            });
            assertThat(kubelet.pid("default", "web-0")).isPresent().get().isNotEqualTo(firstPid);

            long beforeKill = kubelet.pid("default", "web-0").orElseThrow();
            kubelet.killNode("node-1");
            assertThat(ProcessHandle.of(beforeKill).map(ProcessHandle::isAlive).orElse(false))
                    .isFalse();
            assertThat(isReady(client.pods().withName("web-0").get())).isFalse();
            assertThat(
                            client
                                    .nodes()
                                    .withName("node-1")
                                    .get()
                                    .getStatus()
                                    .getConditions()
                                    .stream()
                                    .filter(c -> "Ready".equals(c.getType()))
                                    .findFirst()
                                    .orElseThrow()
                                    .getStatus())
                    .isEqualTo("False");
            kubelet.reviveNode("node-1");
            awaitReady("web-0");

            long lastPid = kubelet.pid("default", "web-0").orElseThrow();
            client.pods().withName("web-0").withGracePeriod(5).delete();
            await("deleted pod is stopped and removed")
                    .atMost(DEADLINE)
                    .untilAsserted(
                            () -> {
                                assertThat(client.pods().withName("web-0").get()).isNull();
                                assertThat(
                                                ProcessHandle.of(lastPid)
                                                        .map(ProcessHandle::isAlive)
                                                        .orElse(false))
                                        .isFalse();
                            });

            client.pods().resource(pod(out)).create();
            awaitReady("web-0");
            Path claimDir =
                    Path.of(
                            client.persistentVolumes()
                                    .withName(
                                            client.persistentVolumeClaims()
                                                    .withName("state")
                                                    .get()
                                                    .getSpec()
                                                    .getVolumeName())
                                    .get()
                                    .getSpec()
                                    .getHostPath()
                                    .getPath());
            assertThat(Files.readAllLines(claimDir.resolve("starts"), StandardCharsets.UTF_8))
                    .as("one line per start: first, crash restart, node revive, new pod")
                    .hasSize(4);
        }
    }

    private static Pod pod(Path out) {
        return new PodBuilder()
                .withNewMetadata()
                .withName("web-0")
                .withNamespace("default")
                .endMetadata()
                .withNewSpec()
                .withNodeName("node-1")
                .withHostname("web-0")
                .withSubdomain("web")
                .withTerminationGracePeriodSeconds(5L)
                .addNewContainer()
                .withName("server")
                .withImage("example/server:1")
                .withCommand("/img/run.sh")
                .withArgs("/out")
                .addNewEnv()
                .withName("POD_NAME")
                .withNewValueFrom()
                .withNewFieldRef()
                .withFieldPath("metadata.name")
                .endFieldRef()
                .endValueFrom()
                .endEnv()
                .addNewEnv()
                .withName("POD_NAMESPACE")
                .withNewValueFrom()
                .withNewFieldRef()
                .withFieldPath("metadata.namespace")
                .endFieldRef()
                .endValueFrom()
                .endEnv()
                .addNewEnv()
                .withName("NODE_NAME")
                .withNewValueFrom()
                .withNewFieldRef()
                .withFieldPath("spec.nodeName")
                .endFieldRef()
                .endValueFrom()
                .endEnv()
                .addNewEnv()
                .withName("POD_IP")
                .withNewValueFrom()
                .withNewFieldRef()
                .withFieldPath("status.podIP")
                .endFieldRef()
                .endValueFrom()
                .endEnv()
                .addNewEnv()
                .withName("PASSWORD")
                .withNewValueFrom()
                .withNewSecretKeyRef()
                .withName("creds")
                .withKey("password")
                .endSecretKeyRef()
                .endValueFrom()
                .endEnv()
                .addNewEnv()
                .withName("DATA_DIR")
                .withValue("/data")
                .endEnv()
                .addNewEnv()
                .withName("GREETING_FILE")
                .withValue("/etc/files/greeting.txt")
                .endEnv()
                .addNewVolumeMount()
                .withName("files")
                .withMountPath("/etc/files")
                .endVolumeMount()
                .addNewVolumeMount()
                .withName("out")
                .withMountPath("/out")
                .endVolumeMount()
                .addNewVolumeMount()
                .withName("state")
                .withMountPath("/data")
                .endVolumeMount()
                .withNewReadinessProbe()
                .withNewHttpGet()
                .withPath("/ready")
                .withPort(new IntOrString(8080))
                .endHttpGet()
                .withPeriodSeconds(2)
                .endReadinessProbe()
                .endContainer()
                .addNewVolume()
                .withName("files")
                .withNewConfigMap()
                .withName("files")
                .endConfigMap()
                .endVolume()
                .addNewVolume()
                .withName("out")
                .withNewHostPath()
                .withPath(out.toString())
                .endHostPath()
                .endVolume()
                .addNewVolume()
                .withName("state")
                .withNewPersistentVolumeClaim()
                .withClaimName("state")
                .endPersistentVolumeClaim()
                .endVolume()
                .endSpec()
                .build();
    }

    private static Pod awaitReady(String name) {
        await(name + " Ready")
                .atMost(DEADLINE)
                .until(() -> isReady(KUBE.client().pods().withName(name).get()));
        return KUBE.client().pods().withName(name).get();
    }

    private static boolean isReady(Pod pod) {
        return pod != null && Readiness.isPodReady(pod);
    }
}
