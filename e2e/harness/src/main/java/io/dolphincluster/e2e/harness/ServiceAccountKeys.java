package io.dolphincluster.e2e.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The RSA key pair that signs and verifies service-account tokens: the private key (PKCS#8 PEM)
 * goes to kube-apiserver's {@code --service-account-signing-key-file} and kube-controller-manager's
 * {@code --service-account-private-key-file}, the public key (X.509 PEM) to {@code
 * --service-account-key-file}.
 */
record ServiceAccountKeys(Path privateKey, Path publicKey) {

    static ServiceAccountKeys create(Path dir) throws IOException {
        KeyPair pair;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            pair = generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM cannot generate RSA keys", e);
        }
        Path privateKey = dir.resolve("service-account.key");
        Path publicKey = dir.resolve("service-account.pub");
        Files.writeString(
                privateKey,
                pem("PRIVATE KEY", pair.getPrivate().getEncoded()),
                StandardCharsets.US_ASCII);
        Files.writeString(
                publicKey,
                pem("PUBLIC KEY", pair.getPublic().getEncoded()),
                StandardCharsets.US_ASCII);
        return new ServiceAccountKeys(privateKey, publicKey);
    }

    private static String pem(String type, byte[] der) {
        String body =
                Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }
}
