package io.dolphincluster.operator.desired;

import io.dolphincluster.operator.model.DolphinCluster;
import io.dolphincluster.protocol.auth.ClusterCredential;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * The cluster credential of one cluster: a random secret the operator creates once (never updated:
 * every pod and the operator prove membership with it), mounted read-only into every pod at {@link
 * #MOUNT_DIR} and named by the seed files' {@code clusterSecretFile}. Its value is never logged,
 * put in the status or in an Event.
 */
public final class ClusterSecretDesired {
    public static final String KEY = "cluster.secret";
    public static final String VOLUME = "cluster-secret";
    public static final String MOUNT_DIR = "/etc/dolphin-secret";
    public static final String FILE = MOUNT_DIR + "/" + KEY;

    private ClusterSecretDesired() {}

    public static Secret of(DolphinCluster cluster, String secret) {
        Names names = new Names(cluster);
        return new SecretBuilder()
                .withNewMetadata()
                .withName(names.clusterSecret())
                .withNamespace(names.namespace())
                .withLabels(names.clusterLabels())
                .endMetadata()
                .withType("Opaque")
                .withImmutable(true)
                .withData(
                        Map.of(
                                KEY,
                                Base64.getEncoder()
                                        .encodeToString(secret.getBytes(StandardCharsets.UTF_8))))
                .build();
    }

    /** A new random secret (256 bits). */
    public static String randomSecret() {
        return ClusterCredential.generateSecret();
    }
}
