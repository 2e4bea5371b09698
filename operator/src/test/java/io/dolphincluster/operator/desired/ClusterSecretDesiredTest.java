package io.dolphincluster.operator.desired;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class ClusterSecretDesiredTest {

    @Test
    void holdsARandomSecretOnceAndImmutably() {
        String value = ClusterSecretDesired.randomSecret();
        Secret secret = ClusterSecretDesired.of(TestClusters.demo(), value);

        assertThat(secret.getMetadata().getName()).isEqualTo("demo-cluster-secret");
        assertThat(secret.getMetadata().getLabels()).containsEntry(Names.LABEL_INSTANCE, "demo");
        assertThat(secret.getImmutable()).isTrue();
        assertThat(
                        new String(
                                Base64.getDecoder().decode(secret.getData().get("cluster.secret")),
                                StandardCharsets.UTF_8))
                .isEqualTo(value);
        assertThat(value).hasSizeGreaterThanOrEqualTo(40);
        assertThat(ClusterSecretDesired.randomSecret()).isNotEqualTo(value);
    }

    @Test
    void everyPodMountsItReadOnlyAndBothConfigFilesNameIt() {
        for (Role role : Role.values()) {
            StatefulSet sts = StatefulSetDesired.of(TestClusters.demo(), role);
            Volume volume =
                    sts.getSpec().getTemplate().getSpec().getVolumes().stream()
                            .filter(v -> v.getName().equals("cluster-secret"))
                            .findFirst()
                            .orElseThrow();
            assertThat(volume.getSecret().getSecretName()).isEqualTo("demo-cluster-secret");
            assertThat(volume.getSecret().getDefaultMode()).isEqualTo(0440);
            Container container = sts.getSpec().getTemplate().getSpec().getContainers().get(0);
            assertThat(container.getVolumeMounts())
                    .anySatisfy(
                            mount -> {
                                assertThat(mount.getName()).isEqualTo("cluster-secret");
                                assertThat(mount.getMountPath()).isEqualTo("/etc/dolphin-secret");
                                assertThat(mount.getReadOnly()).isTrue();
                            });
            assertThat(container.getEnv())
                    .noneSatisfy(
                            env ->
                                    assertThat(
                                                    env.getValueFrom() != null
                                                            && env.getValueFrom().getSecretKeyRef()
                                                                    != null
                                                            && "demo-cluster-secret"
                                                                    .equals(
                                                                            env.getValueFrom()
                                                                                    .getSecretKeyRef()
                                                                                    .getName()))
                                            .isTrue());
        }
        SeedFiles files =
                new SeedFiles(new Names(TestClusters.demo()), TestClusters.demo().specOrDefaults());
        assertThat(files.controllerCfg().lines())
                .contains("clusterSecretFile=/etc/dolphin-secret/cluster.secret");
        assertThat(files.datanodeCfg().lines())
                .contains("clusterSecretFile=/etc/dolphin-secret/cluster.secret");
    }
}
