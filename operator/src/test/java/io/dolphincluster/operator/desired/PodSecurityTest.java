package io.dolphincluster.operator.desired;

import static org.assertj.core.api.Assertions.assertThat;

import io.dolphincluster.operator.RestrictedPodSecurity;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.VolumeMount;
import org.junit.jupiter.api.Test;

class PodSecurityTest {

    private static PodSpec podOf(Role role) {
        return StatefulSetDesired.of(TestClusters.demo(), role).getSpec().getTemplate().getSpec();
    }

    @Test
    void podsRunAsTheImagesUserAndGetAFreshVolumeGivenToItsGroup() {
        for (Role role : Role.values()) {
            var context = podOf(role).getSecurityContext();
            assertThat(context.getRunAsUser()).isEqualTo(65532L);
            assertThat(context.getRunAsGroup()).isEqualTo(65532L);
            assertThat(context.getFsGroup())
                    .as("a root-owned volume becomes writable")
                    .isEqualTo(65532L);
            assertThat(context.getFsGroupChangePolicy())
                    .as("no walk over a volume already owned")
                    .isEqualTo("OnRootMismatch");
            assertThat(context.getRunAsNonRoot()).isTrue();
        }
    }

    @Test
    void podsMeetThePodSecurityRestrictedProfile() {
        for (Role role : Role.values()) {
            PodSpec pod = podOf(role);
            RestrictedPodSecurity.check(pod);
            assertThat(pod.getSecurityContext().getSeccompProfile().getType())
                    .isEqualTo("RuntimeDefault");
        }
    }

    @Test
    void theRootFilesystemIsReadOnlyAndTheJvmWritesItsTemporaryFilesToAnEmptyDir() {
        for (Role role : Role.values()) {
            PodSpec pod = podOf(role);
            Container container = pod.getContainers().get(0);
            assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
            VolumeMount tmp =
                    container.getVolumeMounts().stream()
                            .filter(m -> m.getMountPath().equals("/tmp"))
                            .findFirst()
                            .orElseThrow();
            assertThat(tmp.getReadOnly()).isNotEqualTo(Boolean.TRUE);
            assertThat(pod.getVolumes())
                    .filteredOn(v -> v.getName().equals(tmp.getName()))
                    .singleElement()
                    .satisfies(
                            v ->
                                    assertThat(v.getEmptyDir().getSizeLimit())
                                            .as(
                                                    "bounded, and not an empty emptyDir, which 1.20 leaves out of the managed fields")
                                            .isNotNull());
            assertThat(container.getVolumeMounts())
                    .filteredOn(m -> !Boolean.TRUE.equals(m.getReadOnly()))
                    .extracting(VolumeMount::getMountPath)
                    .as("the only writable places")
                    .containsExactlyInAnyOrder("/data", "/tmp");
        }
    }
}
