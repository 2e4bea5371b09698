package io.dolphincluster.e2e.harness.kubelet;

import io.dolphincluster.e2e.harness.Directories;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A static provisioner for claims nobody else serves: every unbound PersistentVolumeClaim gets a
 * hostPath PersistentVolume of its size, pre-bound to it (claimRef), backed by a directory under
 * the root; the controller-manager's binder completes the binding. The directory outlives pod
 * restarts and rescheduling (all simulated nodes share this machine). A volume whose claim is gone
 * (phase Released) is deleted with its directory, as a Delete reclaim policy would.
 */
public final class VolumeProvisioner {
    static final String PROVISIONED_BY = "dolphincluster.io/provisioned-by";
    private static final Logger LOG = LoggerFactory.getLogger(VolumeProvisioner.class);

    private final KubernetesClient client;
    private final Path root;

    public VolumeProvisioner(KubernetesClient client, Path root) {
        this.client = client;
        this.root = root;
    }

    /** One pass: provision for unbound claims, reclaim released volumes. */
    public void sync() {
        for (PersistentVolumeClaim claim :
                client.persistentVolumeClaims().inAnyNamespace().list().getItems()) {
            if (claim.getMetadata().getDeletionTimestamp() == null
                    && isBlank(claim.getSpec().getVolumeName())
                    && "Pending"
                            .equals(
                                    claim.getStatus() == null
                                            ? "Pending"
                                            : claim.getStatus().getPhase())) {
                provision(claim);
            }
        }
        for (PersistentVolume volume :
                client.persistentVolumes()
                        .withLabel(PROVISIONED_BY, "process-kubelet")
                        .list()
                        .getItems()) {
            if (volume.getStatus() != null && "Released".equals(volume.getStatus().getPhase())) {
                reclaim(volume);
            }
        }
    }

    private void provision(PersistentVolumeClaim claim) {
        String name = "pv-" + claim.getMetadata().getUid();
        if (client.persistentVolumes().withName(name).get() != null) {
            return;
        }
        Path dir =
                root.resolve(
                        claim.getMetadata().getNamespace()
                                + "-"
                                + claim.getMetadata().getName()
                                + "-"
                                + claim.getMetadata().getUid().substring(0, 8));
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Quantity size =
                claim.getSpec().getResources() == null
                                || claim.getSpec().getResources().getRequests() == null
                        ? new Quantity("1Gi")
                        : claim.getSpec()
                                .getResources()
                                .getRequests()
                                .getOrDefault("storage", new Quantity("1Gi"));
        PersistentVolume volume =
                new PersistentVolumeBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .addToLabels(PROVISIONED_BY, "process-kubelet")
                        .endMetadata()
                        .withNewSpec()
                        .addToCapacity("storage", size)
                        .withAccessModes(claim.getSpec().getAccessModes())
                        .withStorageClassName(claim.getSpec().getStorageClassName())
                        .withPersistentVolumeReclaimPolicy("Retain")
                        .withNewHostPath()
                        .withPath(dir.toString())
                        .withType("DirectoryOrCreate")
                        .endHostPath()
                        .withNewClaimRef()
                        .withNamespace(claim.getMetadata().getNamespace())
                        .withName(claim.getMetadata().getName())
                        .withUid(claim.getMetadata().getUid())
                        .endClaimRef()
                        .endSpec()
                        .build();
        try {
            client.persistentVolumes().resource(volume).create();
            LOG.info(
                    "[kubelet] provisioned {} for claim {}/{} at {}",
                    name,
                    claim.getMetadata().getNamespace(),
                    claim.getMetadata().getName(),
                    dir);
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                throw e;
            }
        }
    }

    private void reclaim(PersistentVolume volume) {
        client.persistentVolumes().withName(volume.getMetadata().getName()).delete();
        Path dir = Path.of(volume.getSpec().getHostPath().getPath());
        if (dir.startsWith(root)) {
            Directories.deleteTree(dir);
        }
        LOG.info("[kubelet] reclaimed {} (its claim is gone)", volume.getMetadata().getName());
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
