package io.dolphincluster.operator.tls;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * PEM text of certificates and PKCS#8 EC private keys, as a {@code kubernetes.io/tls} Secret and
 * the runtime's {@code tlsCertFile}, {@code tlsKeyFile} and {@code tlsCaFile} hold them.
 */
public final class PemCodec {
    private static final String CERT = "CERTIFICATE";
    private static final String KEY = "PRIVATE KEY";

    private PemCodec() {}

    public static String certificate(X509Certificate certificate) {
        try {
            return encode(CERT, certificate.getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a certificate could not be encoded", e);
        }
    }

    public static String privateKey(PrivateKey key) {
        return encode(KEY, key.getEncoded());
    }

    /** The first certificate of {@code pem}. */
    public static X509Certificate parseCertificate(String pem) throws GeneralSecurityException {
        return (X509Certificate)
                CertificateFactory.getInstance("X.509")
                        .generateCertificate(
                                new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    }

    /** An EC private key in PKCS#8 PEM. */
    public static PrivateKey parseEcPrivateKey(String pem) throws GeneralSecurityException {
        String begin = "-----BEGIN " + KEY + "-----";
        String end = "-----END " + KEY + "-----";
        int from = pem.indexOf(begin);
        int to = pem.indexOf(end);
        if (from < 0 || to < from) {
            throw new GeneralSecurityException("no PKCS#8 private key in the PEM text");
        }
        byte[] der =
                Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to).strip());
        return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
    }

    private static String encode(String type, byte[] der) {
        String body =
                Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }
}
