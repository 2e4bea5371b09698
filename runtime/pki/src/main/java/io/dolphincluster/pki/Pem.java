package io.dolphincluster.pki;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PEM text with the JDK alone: X.509 certificates ({@code CERTIFICATE}) and unencrypted PKCS#8
 * private keys ({@code PRIVATE KEY}, EC or RSA), the formats of a Kubernetes {@code
 * kubernetes.io/tls} Secret. Reading throws {@link IllegalArgumentException} with what was wrong,
 * never the key's bytes.
 */
public final class Pem {
    private static final Pattern KEY =
            Pattern.compile(
                    "-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");

    private Pem() {}

    /** Every certificate of a PEM file, in order; at least one. */
    public static List<X509Certificate> certificates(byte[] pem) {
        try {
            List<X509Certificate> certificates = new ArrayList<>();
            for (var c :
                    CertificateFactory.getInstance("X.509")
                            .generateCertificates(new ByteArrayInputStream(pem))) {
                certificates.add((X509Certificate) c);
            }
            if (certificates.isEmpty())
                throw new IllegalArgumentException(
                        "no PEM certificate (-----BEGIN CERTIFICATE-----)");
            return certificates;
        } catch (CertificateException e) {
            throw new IllegalArgumentException(
                    "no valid PEM certificate (-----BEGIN CERTIFICATE-----): " + e.getMessage());
        }
    }

    /** The PKCS#8 private key of a PEM file ({@code -----BEGIN PRIVATE KEY-----}), EC or RSA. */
    public static PrivateKey privateKey(byte[] pem) {
        Matcher m = KEY.matcher(new String(pem, StandardCharsets.US_ASCII));
        if (!m.find()) {
            throw new IllegalArgumentException(
                    "no PEM PKCS#8 private key (-----BEGIN PRIVATE KEY-----; convert a "
                            + "'BEGIN EC/RSA PRIVATE KEY' file with: openssl pkcs8 -topk8 -nocrypt -in old.key -out tls.key)");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(m.group(1));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a PEM private key whose base64 is damaged");
        }
        for (String algorithm : List.of("EC", "RSA", "Ed25519")) {
            try {
                return KeyFactory.getInstance(algorithm)
                        .generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        throw new IllegalArgumentException(
                "a PKCS#8 private key of an unsupported kind (expected EC, RSA or Ed25519)");
    }

    public static String encode(X509Certificate certificate) {
        try {
            return block("CERTIFICATE", certificate.getEncoded());
        } catch (CertificateException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String encode(PrivateKey key) {
        return block("PRIVATE KEY", key.getEncoded());
    }

    private static String block(String type, byte[] der) {
        String base64 =
                Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + base64 + "\n-----END " + type + "-----\n";
    }
}
