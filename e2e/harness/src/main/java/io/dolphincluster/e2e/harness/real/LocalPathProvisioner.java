package io.dolphincluster.e2e.harness.real;

import io.dolphincluster.e2e.harness.Directories;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Volumes for the real nodes, the way local-path provisioners serve bare-metal clusters: the
 * default StorageClass {@value #STORAGE_CLASS} ({@code WaitForFirstConsumer}, reclaim {@code
 * Delete}), and a loop (every second) that gives each claim of that class the scheduler has placed
 * ({@code volume.kubernetes.io/selected-node}) a {@code local} PersistentVolume on that node: a
 * directory under the node's own directory, owned by root with mode 0755 and a {@code lost+found},
 * like the root of a freshly formatted disk. Unlike hostPath volumes, local volumes get the pod's
 * {@code fsGroup} applied by the kubelet, as real block volumes do. A Released volume is deleted
 * with its directory.
 */
final class LocalPathProvisioner implements AutoCloseable {
    static final String STORAGE_CLASS = "dolphin-local";
    static final String PROVISIONER = "dolphincluster.io/local-path";
    private static final String SELECTED_NODE = "volume.kubernetes.io/selected-node";
    private static final Logger LOG = LoggerFactory.getLogger(LocalPathProvisioner.class);

    private final KubernetesClient client;
    private final Map<String, Path> volumeRootByNode;
    private final ScheduledExecutorService loop =
            Executors.newSingleThreadScheduledExecutor(
                    r -> {
                        Thread thread = new Thread(r, "real-nodes-volumes");
                        thread.setDaemon(true);
                        return thread;
                    });

    private LocalPathProvisioner(KubernetesClient client, Map<String, Path> volumeRootByNode) {
        this.client = client;
        this.volumeRootByNode = volumeRootByNode;
    }

    /**
     * Creates the StorageClass and starts provisioning for the nodes given (node name to its volume
     * root).
     */
    static LocalPathProvisioner start(KubernetesClient client, Map<String, Path> volumeRootByNode) {
        client.storage()
                .v1()
                .storageClasses()
                .resource(
                        new StorageClassBuilder()
                                .withNewMetadata()
                                .withName(STORAGE_CLASS)
                                .addToAnnotations(
                                        "storageclass.kubernetes.io/is-default-class", "true")
                                .endMetadata()
                                .withProvisioner(PROVISIONER)
                                .withVolumeBindingMode("WaitForFirstConsumer")
                                .withReclaimPolicy("Delete")
                                .build())
                .createOr(r -> r.update());
        LocalPathProvisioner provisioner =
                new LocalPathProvisioner(client, Map.copyOf(volumeRootByNode));
        provisioner.loop.scheduleWithFixedDelay(provisioner::syncQuietly, 0, 1, TimeUnit.SECONDS);
        return provisioner;
    }

    private void syncQuietly() {
        try {
            sync();
        } catch (RuntimeException e) {
            LOG.warn("[real-nodes] volume provisioning pass failed: {}", e.toString());
        }
    }

    void sync() {
        for (PersistentVolumeClaim claim :
                client.persistentVolumeClaims().inAnyNamespace().list().getItems()) {
            Map<String, String> annotations = claim.getMetadata().getAnnotations();
            String node = annotations == null ? null : annotations.get(SELECTED_NODE);
            if (STORAGE_CLASS.equals(claim.getSpec().getStorageClassName())
                    && node != null
                    && claim.getMetadata().getDeletionTimestamp() == null
                    && (claim.getSpec().getVolumeName() == null
                            || claim.getSpec().getVolumeName().isBlank())
                    && volumeRootByNode.containsKey(node)) {
                provision(claim, node);
            }
        }
        for (PersistentVolume volume : client.persistentVolumes().list().getItems()) {
            Map<String, String> annotations = volume.getMetadata().getAnnotations();
            if (annotations != null
                    && PROVISIONER.equals(annotations.get("pv.kubernetes.io/provisioned-by"))
                    && volume.getStatus() != null
                    && "Released".equals(volume.getStatus().getPhase())) {
                reclaim(volume);
            }
        }
    }

    private void provision(PersistentVolumeClaim claim, String node) {
        String name = "pvc-" + claim.getMetadata().getUid();
        if (client.persistentVolumes().withName(name).get() != null) {
            return;
        }
        Path dir = volumeRootByNode.get(node).resolve(name);
        try {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path lostFound = Files.createDirectories(dir.resolve("lost+found"));
            Files.setPosixFilePermissions(lostFound, PosixFilePermissions.fromString("rwx------"));
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
                        .addToAnnotations("pv.kubernetes.io/provisioned-by", PROVISIONER)
                        .endMetadata()
                        .withNewSpec()
                        .addToCapacity("storage", size)
                        .withAccessModes(claim.getSpec().getAccessModes())
                        .withStorageClassName(STORAGE_CLASS)
                        .withPersistentVolumeReclaimPolicy("Delete")
                        .withVolumeMode("Filesystem")
                        .withNewLocal()
                        .withPath(dir.toString())
                        .endLocal()
                        .withNewNodeAffinity()
                        .withNewRequired()
                        .addNewNodeSelectorTerm()
                        .addNewMatchExpression()
                        .withKey("kubernetes.io/hostname")
                        .withOperator("In")
                        .withValues(node)
                        .endMatchExpression()
                        .endNodeSelectorTerm()
                        .endRequired()
                        .endNodeAffinity()
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
                    "[real-nodes] provisioned {} on {} for claim {}/{}",
                    name,
                    node,
                    claim.getMetadata().getNamespace(),
                    claim.getMetadata().getName());
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                throw e;
            }
        }
    }

    private void reclaim(PersistentVolume volume) {
        client.persistentVolumes().withName(volume.getMetadata().getName()).delete();
        Path dir = Path.of(volume.getSpec().getLocal().getPath());
        if (volumeRootByNode.values().stream().anyMatch(dir::startsWith)) {
            Directories.deleteTree(dir);
        }
        LOG.info("[real-nodes] reclaimed {} (its claim is gone)", volume.getMetadata().getName());
    }

    @Override
    public void close() {
        loop.shutdownNow();
        try {
            loop.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
