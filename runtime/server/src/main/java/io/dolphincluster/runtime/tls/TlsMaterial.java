package io.dolphincluster.runtime.tls;

import io.dolphincluster.pki.Pem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.List;
import java.util.function.Function;

/**
 * The content of the {@link TlsFiles}, checked: a certificate chain valid now, the private key of
 * its first certificate, and the CA certificates that signed it. {@link #load} refuses anything
 * else with the file and what it expected.
 */
public record TlsMaterial(List<X509Certificate> chain, PrivateKey key, List<X509Certificate> ca) {
    static final String HOW_TO_MAKE =
            "make one with: bin/dolphin certs --ca <ca dir> --out <config dir>/tls --host <this node's names>";

    public static TlsMaterial load(TlsFiles files) throws TlsFileException {
        List<X509Certificate> chain = read(files.cert(), Pem::certificates, "a PEM certificate");
        PrivateKey key = read(files.key(), Pem::privateKey, "a PEM PKCS#8 private key");
        List<X509Certificate> ca =
                read(files.ca(), Pem::certificates, "the cluster CA's PEM certificate");
        X509Certificate leaf = chain.get(0);
        Date now = new Date();
        if (now.after(leaf.getNotAfter()) || now.before(leaf.getNotBefore())) {
            throw new TlsFileException(
                    files.cert(),
                    "a certificate valid now",
                    "it is valid from "
                            + leaf.getNotBefore()
                            + " to "
                            + leaf.getNotAfter()
                            + " ("
                            + HOW_TO_MAKE
                            + ")");
        }
        if (!matches(key, leaf)) {
            throw new TlsFileException(
                    files.key(),
                    "the private key of the certificate in " + files.cert(),
                    "it is another key (write both files from the same bin/dolphin certs run)");
        }
        if (!signedByOneOf(chain.get(chain.size() - 1), ca)) {
            throw new TlsFileException(
                    files.cert(),
                    "a certificate signed by the CA in " + files.ca(),
                    "no certificate there signed it (" + HOW_TO_MAKE + ", with the cluster's CA)");
        }
        return new TlsMaterial(List.copyOf(chain), key, List.copyOf(ca));
    }

    private static <T> T read(Path file, Function<byte[], T> parser, String expected)
            throws TlsFileException {
        try {
            return parser.apply(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new TlsFileException(
                    file, expected, "the file does not exist (" + HOW_TO_MAKE + ")");
        } catch (IOException e) {
            throw new TlsFileException(file, expected, "the file cannot be read: " + e);
        } catch (IllegalArgumentException e) {
            throw new TlsFileException(file, expected, "it holds " + e.getMessage());
        }
    }

    private static boolean matches(PrivateKey key, X509Certificate certificate) {
        String algorithm =
                switch (key.getAlgorithm()) {
                    case "EC" -> "SHA256withECDSA";
                    case "RSA" -> "SHA256withRSA";
                    default -> key.getAlgorithm();
                };
        try {
            byte[] probe =
                    "dolphincluster key check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static boolean signedByOneOf(X509Certificate certificate, List<X509Certificate> cas) {
        for (X509Certificate ca : cas) {
            try {
                certificate.verify(ca.getPublicKey());
                return true;
            } catch (GeneralSecurityException e) {
                // another CA certificate may have signed it
            }
        }
        return false;
    }
}
