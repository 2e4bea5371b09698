package io.dolphincluster.operator.desired;

import io.dolphincluster.operator.model.DolphinCluster;
import io.dolphincluster.operator.model.DolphinClusterSpec;
import io.dolphincluster.operator.model.PodMetadataSpec;
import io.dolphincluster.operator.model.StorageSpec;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The StatefulSet of a role. Pods start in parallel (Raft members must find each other), each with
 * its own volume claim, and the pod template carries nothing that changes with the replica count or
 * the peer list: scaling must never roll the running members. The template does carry a digest of
 * the role's config files, so a config change is a new revision. Updates are OnDelete: the operator
 * restarts pods itself, one at a time and the Raft leader last. Every pod mounts the cluster
 * credential (the cluster Secret, read-only), with TLS on its role's certificate ({@link
 * TlsSecretsDesired}), and runs as {@link PodSecurity} says.
 */
public final class StatefulSetDesired {
    public static final String DATA_VOLUME = "data";
    public static final String CONFIG_VOLUME = "config";
    public static final String CONFIG_HASH_ANNOTATION = "dolphincluster.io/config-hash";

    private StatefulSetDesired() {}

    public static StatefulSet of(DolphinCluster cluster, Role role) {
        return of(cluster, role, RoleSizes.of(cluster.specOrDefaults()));
    }

    public static StatefulSet of(DolphinCluster cluster, Role role, RoleSizes sizes) {
        Names names = new Names(cluster);
        DolphinClusterSpec spec = cluster.specOrDefaults();
        PodPlacement placement = new PodPlacement(names, spec);
        int replicas = sizes.of(role);
        String configHash = new SeedFiles(names, spec, sizes).configHash(role);
        return new StatefulSetBuilder()
                .withNewMetadata()
                .withName(names.of(role))
                .withNamespace(names.namespace())
                .withLabels(names.roleLabels(role))
                .endMetadata()
                .withNewSpec()
                .withServiceName(names.of(role))
                .withReplicas(replicas)
                .withPodManagementPolicy("Parallel")
                .withNewUpdateStrategy()
                .withType("OnDelete")
                .endUpdateStrategy()
                .withNewSelector()
                .withMatchLabels(names.selector(role))
                .endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .withLabels(podLabels(names, role, spec.getPodMetadata()))
                .withAnnotations(podAnnotations(spec.getPodMetadata(), configHash))
                .endMetadata()
                .withNewSpec()
                .withSecurityContext(PodSecurity.pod())
                .withTerminationGracePeriodSeconds(gracePeriodSeconds(spec, role))
                .withContainers(RuntimeContainer.of(spec, role, AdminPasswordRef.of(cluster)))
                .withImagePullSecrets(spec.getImagePullSecrets())
                .withAffinity(placement.affinity(role))
                .withTopologySpreadConstraints(placement.zoneSpread(role))
                .withNodeSelector(spec.getPlacement().getNodeSelector())
                .withTolerations(spec.getPlacement().getTolerations())
                .addNewVolume()
                .withName(CONFIG_VOLUME)
                .withNewConfigMap()
                .withName(names.configMap())
                .endConfigMap()
                .endVolume()
                .addNewVolume()
                .withName(ClusterSecretDesired.VOLUME)
                .withNewSecret()
                .withSecretName(names.clusterSecret())
                .withDefaultMode(0440)
                .endSecret()
                .endVolume()
                .addToVolumes(PodSecurity.tmpVolume())
                .addAllToVolumes(tlsVolumes(names, spec, role))
                .endSpec()
                .endTemplate()
                .withVolumeClaimTemplates(claim(names, role, storage(spec, role)))
                .endSpec()
                .build();
    }

    /** The role's TLS Secret, when TLS is on. */
    private static List<Volume> tlsVolumes(Names names, DolphinClusterSpec spec, Role role) {
        if (!spec.tlsEnabled()) {
            return List.of();
        }
        return List.of(
                new VolumeBuilder()
                        .withName(TlsSecretsDesired.VOLUME)
                        .withNewSecret()
                        .withSecretName(names.tlsSecret(role))
                        .withDefaultMode(0440)
                        .endSecret()
                        .build());
    }

    private static long gracePeriodSeconds(DolphinClusterSpec spec, Role role) {
        return role == Role.CONTROLLER
                ? spec.getControllers().getTerminationGracePeriodSeconds()
                : spec.getDatanodes().getTerminationGracePeriodSeconds();
    }

    private static StorageSpec storage(DolphinClusterSpec spec, Role role) {
        return role == Role.CONTROLLER
                ? spec.getControllers().getStorage()
                : spec.getDatanodes().getStorage();
    }

    private static PersistentVolumeClaim claim(Names names, Role role, StorageSpec storage) {
        return new PersistentVolumeClaimBuilder()
                .withNewMetadata()
                .withName(DATA_VOLUME)
                .withLabels(names.roleLabels(role))
                .endMetadata()
                .withNewSpec()
                .withAccessModes("ReadWriteOnce")
                .withStorageClassName(storage.getStorageClassName())
                .withNewResources()
                .addToRequests("storage", new Quantity(storage.getSize()))
                .endResources()
                .endSpec()
                .build();
    }

    /** The user's labels overlaid by the operator's own, which win on a clash. */
    static Map<String, String> podLabels(Names names, Role role, PodMetadataSpec overlay) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (overlay != null && overlay.getLabels() != null) {
            labels.putAll(overlay.getLabels());
        }
        labels.putAll(names.roleLabels(role));
        return labels;
    }

    private static Map<String, String> podAnnotations(PodMetadataSpec overlay, String configHash) {
        Map<String, String> annotations = new LinkedHashMap<>();
        if (overlay != null && overlay.getAnnotations() != null) {
            annotations.putAll(overlay.getAnnotations());
        }
        annotations.put(CONFIG_HASH_ANNOTATION, configHash);
        return annotations;
    }
}
