package io.dolphincluster.runtime.dolphindb.builtins;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import javax.crypto.Cipher;

/**
 * The key pair behind {@code getDynamicPublicKey}: clients encrypt the user name and password with
 * the public key (RSA, PKCS#1 v1.5 padding, then MIME base64) before {@code login}. Made once per
 * process.
 */
public final class RsaKeys {
    private KeyPair pair;

    /** Makes the key pair on a background thread now, so the first login does not wait for it. */
    public RsaKeys prepareInBackground() {
        Thread thread = new Thread(this::pair, "rsa-keys");
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    private synchronized KeyPair pair() {
        if (pair == null) {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                pair = generator.generateKeyPair();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("no RSA key pair: " + e.getMessage(), e);
            }
        }
        return pair;
    }

    /** The public key as an X.509 {@code BEGIN PUBLIC KEY} PEM block. */
    public String publicKeyPem() {
        String body =
                Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(pair().getPublic().getEncoded());
        return "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n";
    }

    /** The text a client encrypted with the public key (MIME base64; whitespace ignored). */
    public String decrypt(String base64) {
        try {
            Cipher cipher = Cipher.getInstance("RSA/ECB/PKCS1Padding");
            cipher.init(Cipher.DECRYPT_MODE, pair().getPrivate());
            byte[] plain = cipher.doFinal(Base64.getMimeDecoder().decode(base64));
            return new String(plain, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("The credentials could not be decrypted");
        }
    }
}
