package io.dolphincluster.operator.desired;

import io.dolphincluster.operator.model.Defaults;
import io.dolphincluster.operator.model.DolphinCluster;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * The generated admin Secret. Its password is random, so it is created once and never updated (the
 * dependent only creates it). Its value is never logged.
 */
public final class AdminSecretDesired {
    private static final String ALPHABET =
            "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private AdminSecretDesired() {}

    public static Secret of(DolphinCluster cluster, String password) {
        Names names = new Names(cluster);
        String encoded =
                Base64.getEncoder().encodeToString(password.getBytes(StandardCharsets.UTF_8));
        return new SecretBuilder()
                .withNewMetadata()
                .withName(names.adminSecret())
                .withNamespace(names.namespace())
                .withLabels(names.clusterLabels())
                .endMetadata()
                .withType("Opaque")
                .withData(Map.of(Defaults.PASSWORD_KEY, encoded, "username", base64("admin")))
                .build();
    }

    /** 24 characters from an alphabet without look-alikes: about 140 bits. */
    public static String randomPassword() {
        StringBuilder out = new StringBuilder(24);
        for (int i = 0; i < 24; i++) {
            out.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return out.toString();
    }

    private static String base64(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }
}
