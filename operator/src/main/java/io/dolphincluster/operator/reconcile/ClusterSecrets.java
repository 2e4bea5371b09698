package io.dolphincluster.operator.reconcile;

import io.dolphincluster.operator.desired.AdminPasswordRef;
import io.dolphincluster.operator.desired.AdminSecretDesired;
import io.dolphincluster.operator.desired.ClusterSecretDesired;
import io.dolphincluster.operator.desired.Names;
import io.dolphincluster.operator.model.DolphinCluster;
import io.dolphincluster.operator.model.Owners;
import io.dolphincluster.operator.runtime.ClusterAccess;
import io.dolphincluster.protocol.auth.ClusterCredential;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cluster's Secrets, read and created with plain API calls: the cluster credential (always the
 * operator's) and the admin password (the user's Secret, or one the operator generates). No
 * informer watches Secrets, so the operator needs only {@code get} and {@code create} on them,
 * granted in the namespaces it manages. Both are created once, owned by the cluster (deleted with
 * it) and never updated; their values are never logged.
 */
final class ClusterSecrets {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterSecrets.class);

    private final KubernetesClient client;
    private final ClusterEvents events;

    ClusterSecrets(KubernetesClient client, ClusterEvents events) {
        this.client = client;
        this.events = events;
    }

    /**
     * How to call the cluster's controllers, with its credential; when {@code create}, the Secrets
     * that are missing are created first (the cluster credential; the admin Secret when the spec
     * references none). Empty when the credential cannot be read or made: then nothing that needs
     * it is done this pass, and the reason is an Event.
     */
    Optional<ClusterAccess> access(DolphinCluster cluster, boolean create) {
        Names names = new Names(cluster);
        try {
            if (create
                    && AdminPasswordRef.of(cluster).generated()
                    && read(names, names.adminSecret()) == null) {
                create(
                        cluster,
                        AdminSecretDesired.of(cluster, AdminSecretDesired.randomPassword()));
            }
            Secret secret = read(names, names.clusterSecret());
            if (secret == null && create) {
                secret =
                        create(
                                cluster,
                                ClusterSecretDesired.of(
                                        cluster, ClusterSecretDesired.randomSecret()));
            }
            // stripped as the runtime strips the file it reads
            return value(secret, ClusterSecretDesired.KEY)
                    .map(String::strip)
                    .map(ClusterCredential::of)
                    .map(ClusterAccess::new);
        } catch (KubernetesClientException | IllegalArgumentException e) {
            events.record(
                    cluster,
                    true,
                    "SecretsUnavailable",
                    "cannot read or create the Secrets of "
                            + names.cluster()
                            + " in namespace "
                            + names.namespace()
                            + " (the operator needs get and create on Secrets there): "
                            + e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * The admin user's password, from the Secret the controllers read it from; empty when it cannot
     * be read.
     */
    Optional<String> adminPassword(DolphinCluster cluster) {
        AdminPasswordRef ref = AdminPasswordRef.of(cluster);
        try {
            return value(read(new Names(cluster), ref.secretName()), ref.key());
        } catch (KubernetesClientException e) {
            LOG.debug("admin Secret {} not readable: {}", ref.secretName(), e.getMessage());
            return Optional.empty();
        }
    }

    Secret read(Names names, String name) {
        return client.secrets().inNamespace(names.namespace()).withName(name).get();
    }

    /** Creates {@code secret} owned by the cluster (an Event says so), or reads it if it exists. */
    Secret create(DolphinCluster cluster, Secret secret) {
        secret.getMetadata().setOwnerReferences(List.of(Owners.controllerReference(cluster)));
        try {
            Secret created =
                    client.secrets()
                            .inNamespace(secret.getMetadata().getNamespace())
                            .resource(secret)
                            .create();
            events.record(
                    cluster,
                    false,
                    "SecretCreated",
                    "created Secret " + secret.getMetadata().getName());
            return created;
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) throw e;
            return client.secrets()
                    .inNamespace(secret.getMetadata().getNamespace())
                    .withName(secret.getMetadata().getName())
                    .get();
        }
    }

    /**
     * Writes {@code desired} in place of {@code existing} (its owner and the version read kept, so
     * a concurrent change fails the update), or creates it when there is none.
     */
    void replace(DolphinCluster cluster, Secret desired, Secret existing) {
        if (existing == null) {
            create(cluster, desired);
            return;
        }
        desired.getMetadata().setOwnerReferences(existing.getMetadata().getOwnerReferences());
        desired.getMetadata().setResourceVersion(existing.getMetadata().getResourceVersion());
        client.secrets()
                .inNamespace(existing.getMetadata().getNamespace())
                .resource(desired)
                .update();
    }

    /** The decoded value of {@code key}, if the Secret has it. */
    static Optional<String> value(Secret secret, String key) {
        if (secret == null || secret.getData() == null || secret.getData().get(key) == null) {
            return Optional.empty();
        }
        return Optional.of(
                new String(
                        Base64.getDecoder().decode(secret.getData().get(key)),
                        StandardCharsets.UTF_8));
    }
}
