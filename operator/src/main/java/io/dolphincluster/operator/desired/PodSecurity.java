package io.dolphincluster.operator.desired;

import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;

/**
 * What lets the runtime pods pass the PodSecurity "restricted" profile and still write their data.
 * The image runs as {@link #USER} (runtime/server/pom.xml); a fresh volume is owned by root, so the
 * pod's fsGroup makes the kubelet give it to that group (only when its root does not already match,
 * so a large volume is not walked on every start). The root filesystem is read-only: everything the
 * runtime writes goes under /data, and the JVM's temporary files under an emptyDir at /tmp.
 */
public final class PodSecurity {
    /** The image's user (Jib's {@code <user>}), also the group that owns the data volume. */
    public static final long USER = 65532L;

    public static final String TMP_VOLUME = "tmp";
    public static final String TMP_DIR = "/tmp";
    static final String TMP_SIZE_LIMIT = "256Mi";

    private PodSecurity() {}

    public static PodSecurityContext pod() {
        return new PodSecurityContextBuilder()
                .withRunAsNonRoot(true)
                .withRunAsUser(USER)
                .withRunAsGroup(USER)
                .withFsGroup(USER)
                .withFsGroupChangePolicy("OnRootMismatch")
                .withNewSeccompProfile()
                .withType("RuntimeDefault")
                .endSeccompProfile()
                .build();
    }

    public static SecurityContext container() {
        return new SecurityContextBuilder()
                .withAllowPrivilegeEscalation(false)
                .withReadOnlyRootFilesystem(true)
                .withNewCapabilities()
                .withDrop("ALL")
                .endCapabilities()
                .build();
    }

    /**
     * The JVM writes little there (perf data, native libraries a jar unpacks); the limit keeps a
     * runaway from filling the node's disk. It also keeps the emptyDir from being empty: API
     * servers (1.20) leave an empty one out of the managed fields, so the operator would see a
     * difference and apply the StatefulSet again on every reconcile.
     */
    public static Volume tmpVolume() {
        return new VolumeBuilder()
                .withName(TMP_VOLUME)
                .withNewEmptyDir()
                .withSizeLimit(new Quantity(TMP_SIZE_LIMIT))
                .endEmptyDir()
                .build();
    }

    public static VolumeMount tmpMount() {
        return new VolumeMountBuilder().withName(TMP_VOLUME).withMountPath(TMP_DIR).build();
    }
}
