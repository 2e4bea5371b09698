package io.dolphincluster.e2e.harness;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The extension gives the class one running plane, through its field and through test parameters.
 */
class LocalControlPlaneExtensionIT {

    @RegisterExtension
    static final LocalControlPlaneExtension KUBE =
            new LocalControlPlaneExtension(LocalControlPlane.Options.apiServerOnly());

    @Test
    void injectsTheSamePlaneAndClientAsTheField(LocalControlPlane plane, KubernetesClient client) {
        assertThat(plane).isSameAs(KUBE.plane());
        assertThat(client).isSameAs(KUBE.client());
        assertThat(plane.pids()).containsOnlyKeys("etcd", "kube-apiserver");
        assertThat(client.getKubernetesVersion().getGitVersion()).startsWith("v1.20.");
    }

    @Test
    void storesObjectsInTheRealApiServer(KubernetesClient client) {
        client.configMaps()
                .inNamespace("default")
                .resource(
                        new ConfigMapBuilder()
                                .withNewMetadata()
                                .withName("extension-it")
                                .endMetadata()
                                .addToData("k", "v")
                                .build())
                .create();

        assertThat(
                        client.configMaps()
                                .inNamespace("default")
                                .withName("extension-it")
                                .get()
                                .getData())
                .containsEntry("k", "v");
    }

    @Nested
    class NestedClasses {

        @Test
        void shareTheOuterClassPlane(LocalControlPlane plane) {
            assertThat(plane).isSameAs(KUBE.plane());
        }
    }
}
