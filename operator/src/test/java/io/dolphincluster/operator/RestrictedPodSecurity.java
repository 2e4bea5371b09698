package io.dolphincluster.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The checks of the PodSecurity "restricted" profile (Pod Security Standards, v1.25+), written out
 * for tests of pod specs the cluster under test cannot judge: the harness's API server (1.20) has
 * no PodSecurity admission.
 */
public final class RestrictedPodSecurity {
    private static final Set<String> SECCOMP_TYPES = Set.of("RuntimeDefault", "Localhost");

    private RestrictedPodSecurity() {}

    public static void check(PodSpec pod) {
        assertThat(pod.getHostNetwork()).as("hostNetwork").isNotEqualTo(Boolean.TRUE);
        assertThat(pod.getHostPID()).as("hostPID").isNotEqualTo(Boolean.TRUE);
        assertThat(pod.getHostIPC()).as("hostIPC").isNotEqualTo(Boolean.TRUE);
        for (Volume volume : Optional.ofNullable(pod.getVolumes()).orElse(List.of())) {
            boolean allowed =
                    volume.getConfigMap() != null
                            || volume.getSecret() != null
                            || volume.getEmptyDir() != null
                            || volume.getPersistentVolumeClaim() != null
                            || volume.getProjected() != null
                            || volume.getDownwardAPI() != null
                            || volume.getCsi() != null
                            || volume.getEphemeral() != null;
            assertThat(allowed)
                    .as("volume %s is of a type restricted allows", volume.getName())
                    .isTrue();
        }
        var podContext = pod.getSecurityContext();
        assertThat(podContext).as("pod securityContext").isNotNull();
        assertThat(Long.valueOf(0).equals(podContext.getRunAsUser()))
                .as("pod runAsUser is 0")
                .isFalse();
        for (Container container : pod.getContainers()) {
            SecurityContext context = container.getSecurityContext();
            assertThat(context).as("securityContext of %s", container.getName()).isNotNull();
            assertThat(context.getPrivileged()).as("privileged").isNotEqualTo(Boolean.TRUE);
            assertThat(context.getAllowPrivilegeEscalation())
                    .as("allowPrivilegeEscalation")
                    .isFalse();
            assertThat(context.getCapabilities().getDrop())
                    .as("capabilities dropped")
                    .contains("ALL");
            assertThat(Optional.ofNullable(context.getCapabilities().getAdd()).orElse(List.of()))
                    .as("capabilities added")
                    .isSubsetOf("NET_BIND_SERVICE");
            assertThat(
                            Optional.ofNullable(context.getRunAsNonRoot())
                                    .orElse(podContext.getRunAsNonRoot()))
                    .as("runAsNonRoot of %s", container.getName())
                    .isTrue();
            assertThat(Long.valueOf(0).equals(context.getRunAsUser()))
                    .as("runAsUser of %s is 0", container.getName())
                    .isFalse();
            SeccompProfile seccomp =
                    Optional.ofNullable(context.getSeccompProfile())
                            .orElse(podContext.getSeccompProfile());
            assertThat(seccomp).as("seccompProfile of %s", container.getName()).isNotNull();
            assertThat(seccomp.getType()).isIn(SECCOMP_TYPES);
        }
    }
}
