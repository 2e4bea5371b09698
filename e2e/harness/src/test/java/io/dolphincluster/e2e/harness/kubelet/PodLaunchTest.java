package io.dolphincluster.e2e.harness.kubelet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Paths and downward-API values, without an API server (no ConfigMap, Secret or claim in these
 * pods).
 */
class PodLaunchTest {
    @TempDir Path dir;

    @Test
    void rewritesPathsUnderMountsAndTheImageAndResolvesFieldRefs() throws Exception {
        Path distribution = dir.resolve("dist");
        PodLaunch launch =
                PodLaunch.of(
                        null,
                        pod("spec.nodeName"),
                        "127.5.0.9",
                        dir.resolve("pod"),
                        new ImageMapping("img:1", "/opt/app", distribution));

        Path scratch = dir.resolve("pod/volumes/scratch");
        assertThat(launch.command)
                .containsExactly(
                        distribution + "/bin/run",
                        "-home",
                        scratch.toString(),
                        "-log",
                        scratch + "/log/x.log",
                        "-other",
                        "/opt/application",
                        "-plain",
                        "value");
        assertThat(launch.workingDir).isEqualTo(distribution);
        assertThat(launch.env)
                .containsEntry("POD_NAME", "web-0")
                .containsEntry("NS", "prod")
                .containsEntry("WHERE", "node-7")
                .containsEntry("IP", "127.5.0.9")
                .containsEntry("DATA", scratch.toString())
                .containsEntry("HOSTNAME", "web-0");
    }

    @Test
    void rewritesPathsUnderMountsInsideConfigText() throws Exception {
        Path distribution = dir.resolve("dist");
        PodLaunch launch =
                PodLaunch.of(
                        null,
                        pod("spec.nodeName"),
                        "127.5.0.9",
                        dir.resolve("pod"),
                        new ImageMapping("img:1", "/opt/app", distribution));
        Path scratch = dir.resolve("pod/volumes/scratch");

        assertThat(
                        launch.mapPathsIn(
                                "clusterSecretFile=/data/secret/cluster.secret\nhome = /data\nother=/opt/application\n"
                                        + "url=http://host/data/x\nlist=/opt/app/a,/data/b"))
                .isEqualTo(
                        "clusterSecretFile="
                                + scratch
                                + "/secret/cluster.secret\nhome = "
                                + scratch
                                + "\nother=/opt/application\n"
                                + "url=http://host/data/x\nlist="
                                + distribution
                                + "/a,"
                                + scratch
                                + "/b");
    }

    @Test
    void theWildcardAddressInConfigTextIsThePodsOwnAddress() throws Exception {
        PodLaunch launch =
                PodLaunch.of(
                        null,
                        pod("spec.nodeName"),
                        "127.5.0.9",
                        dir.resolve("pod"),
                        new ImageMapping("img:1", "/opt/app", dir.resolve("dist")));

        assertThat(
                        launch.mapWildcardAddressIn(
                                "listenHost=0.0.0.0\nother = 0.0.0.0\nsite=10.0.0.0:80\nlist=0.0.0.0,1.2.3.4\n"))
                .isEqualTo(
                        "listenHost=127.5.0.9\nother = 127.5.0.9\nsite=10.0.0.0:80\nlist=0.0.0.0,1.2.3.4\n");
    }

    @Test
    void anUnsupportedFieldRefIsAClearError() {
        assertThatThrownBy(
                        () ->
                                PodLaunch.of(
                                        null,
                                        pod("metadata.labels['x']"),
                                        "127.5.0.9",
                                        dir.resolve("pod"),
                                        new ImageMapping("img:1", "/opt/app", dir)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("metadata.labels['x']");
    }

    private static Pod pod(String whereField) {
        return new PodBuilder()
                .withNewMetadata()
                .withName("web-0")
                .withNamespace("prod")
                .withUid("u-1")
                .endMetadata()
                .withNewSpec()
                .withNodeName("node-7")
                .addNewContainer()
                .withName("app")
                .withImage("img:1")
                .withWorkingDir("/opt/app")
                .withCommand("/opt/app/bin/run")
                .withArgs(
                        "-home",
                        "/data",
                        "-log",
                        "/data/log/x.log",
                        "-other",
                        "/opt/application",
                        "-plain",
                        "value")
                .addNewEnv()
                .withName("POD_NAME")
                .withNewValueFrom()
                .withNewFieldRef()
                .withFieldPath("metadata.name")
                .endFieldRef()
                .endValueFrom()
                .endEnv()
                .addNewEnv()
                .withName("NS")
                .withNewValueFrom()
                .withNewFieldRef()
                .withFieldPath("metadata.namespace")
                .endFieldRef()
                .endValueFrom()
                .endEnv()
                .addNewEnv()
                .withName("WHERE")
                .withNewValueFrom()
                .withNewFieldRef()
                .withFieldPath(whereField)
                .endFieldRef()
                .endValueFrom()
                .endEnv()
                .addNewEnv()
                .withName("IP")
                .withNewValueFrom()
                .withNewFieldRef()
                .withFieldPath("status.podIP")
                .endFieldRef()
                .endValueFrom()
                .endEnv()
                .addNewEnv()
                .withName("DATA")
                .withValue("/data")
                .endEnv()
                .addNewVolumeMount()
                .withName("scratch")
                .withMountPath("/data")
                .endVolumeMount()
                .endContainer()
                .addNewVolume()
                .withName("scratch")
                .withNewEmptyDir()
                .endEmptyDir()
                .endVolume()
                .endSpec()
                .build();
    }
}
