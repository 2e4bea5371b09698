package io.dolphincluster.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The operator's own Deployment in manifests/ as a pod spec (HelmChartIT checks the chart's the
 * same way).
 */
class OperatorDeploymentManifestTest {

    static <T> T load(String path, Class<T> type) throws IOException {
        try (InputStream in = Files.newInputStream(Path.of(path))) {
            return Serialization.unmarshal(in, type);
        }
    }

    @Test
    void theOperatorPodMeetsTheRestrictedProfileWithAWritableTmp() throws IOException {
        PodSpec pod =
                load("../manifests/20-operator.yaml", Deployment.class)
                        .getSpec()
                        .getTemplate()
                        .getSpec();

        RestrictedPodSecurity.check(pod);
        Container operator = pod.getContainers().get(0);
        assertThat(operator.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(operator.getVolumeMounts())
                .anySatisfy(mount -> assertThat(mount.getMountPath()).isEqualTo("/tmp"));
    }

    @Test
    void theOperatorsNamespaceEnforcesTheRestrictedProfile() throws IOException {
        Namespace namespace = load("../manifests/00-namespace.yaml", Namespace.class);

        assertThat(namespace.getMetadata().getLabels())
                .containsEntry("pod-security.kubernetes.io/enforce", "restricted");
    }
}
