package io.dolphincluster.runtime.tls;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A cluster's certificate authority: {@value #CERT_FILE} and {@value #KEY_FILE} (EC P-256, PEM) in
 * one directory, created by {@link #loadOrCreate} the first time and reused afterwards, and the
 * node certificates it signs: valid for the given host names and addresses, for both server and
 * client authentication (members are both, and Raft wants mutual TLS).
 */
public final class CertificateAuthority {
    public static final String CERT_FILE = "ca.crt";
    public static final String KEY_FILE = "ca.key";
    static final Duration CA_VALIDITY = Duration.ofDays(3650);
    private static final String SIGNATURE = "SHA256withECDSA";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final X509Certificate certificate;
    private final PrivateKey key;

    private CertificateAuthority(X509Certificate certificate, PrivateKey key) {
        this.certificate = certificate;
        this.key = key;
    }

    /**
     * The CA in {@code dir}, created there (key readable by its owner only) when neither file
     * exists yet.
     */
    public static CertificateAuthority loadOrCreate(Path dir, String name) throws IOException {
        Path cert = dir.resolve(CERT_FILE);
        Path key = dir.resolve(KEY_FILE);
        if (Files.exists(cert) != Files.exists(key)) {
            throw new IOException(
                    "the CA in "
                            + dir
                            + " is incomplete: "
                            + (Files.exists(cert) ? key : cert)
                            + " is missing (remove the other file to create a new CA, and new certificates for every node)");
        }
        if (Files.exists(cert)) {
            return new CertificateAuthority(
                    Pem.certificates(Files.readAllBytes(cert)).get(0),
                    Pem.privateKey(Files.readAllBytes(key)));
        }
        CertificateAuthority created = create(name);
        Pem.writePrivate(key, Pem.encode(created.key));
        Pem.writePublic(cert, Pem.encode(created.certificate));
        return created;
    }

    static CertificateAuthority create(String name) {
        KeyPair pair = newKeyPair();
        X500Name subject =
                new X500NameBuilder(BCStyle.INSTANCE)
                        .addRDN(BCStyle.O, "DolphinCluster")
                        .addRDN(BCStyle.CN, name)
                        .build();
        Instant now = Instant.now();
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder =
                    new JcaX509v3CertificateBuilder(
                                    subject,
                                    serial(),
                                    Date.from(now.minus(Duration.ofHours(1))),
                                    Date.from(now.plus(CA_VALIDITY)),
                                    subject,
                                    pair.getPublic())
                            .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                            .addExtension(
                                    Extension.keyUsage,
                                    true,
                                    new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                            .addExtension(
                                    Extension.subjectKeyIdentifier,
                                    false,
                                    ext.createSubjectKeyIdentifier(pair.getPublic()));
            return new CertificateAuthority(sign(builder, pair.getPrivate()), pair.getPrivate());
        } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("could not create a CA certificate", e);
        }
    }

    /**
     * A new key and a certificate for {@code names}, signed by this CA, valid for {@code validity}
     * from now.
     */
    public Issued issue(SubjectNames names, Duration validity) {
        KeyPair pair = newKeyPair();
        X500Name subject =
                new X500NameBuilder(BCStyle.INSTANCE)
                        .addRDN(BCStyle.O, "DolphinCluster")
                        .addRDN(BCStyle.CN, names.first())
                        .build();
        Instant now = Instant.now();
        Instant end = now.plus(validity);
        if (end.isAfter(certificate.getNotAfter().toInstant()))
            end = certificate.getNotAfter().toInstant();
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder =
                    new JcaX509v3CertificateBuilder(
                                    certificate,
                                    serial(),
                                    Date.from(now.minus(Duration.ofHours(1))),
                                    Date.from(end),
                                    subject,
                                    pair.getPublic())
                            .addExtension(
                                    Extension.basicConstraints, true, new BasicConstraints(false))
                            .addExtension(
                                    Extension.keyUsage,
                                    true,
                                    new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement))
                            .addExtension(
                                    Extension.extendedKeyUsage,
                                    false,
                                    new ExtendedKeyUsage(
                                            new KeyPurposeId[] {
                                                KeyPurposeId.id_kp_serverAuth,
                                                KeyPurposeId.id_kp_clientAuth
                                            }))
                            .addExtension(
                                    Extension.subjectAlternativeName, false, names.toGeneralNames())
                            .addExtension(
                                    Extension.subjectKeyIdentifier,
                                    false,
                                    ext.createSubjectKeyIdentifier(pair.getPublic()))
                            .addExtension(
                                    Extension.authorityKeyIdentifier,
                                    false,
                                    ext.createAuthorityKeyIdentifier(certificate));
            return new Issued(sign(builder, key), pair.getPrivate());
        } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("could not sign a certificate for " + names, e);
        }
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** A node certificate and its private key. */
    public record Issued(X509Certificate certificate, PrivateKey key) {
        public List<X509Certificate> chain() {
            return List.of(certificate);
        }
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signer)
            throws OperatorCreationException, GeneralSecurityException {
        return new JcaX509CertificateConverter()
                .getCertificate(
                        builder.build(new JcaContentSignerBuilder(SIGNATURE).build(signer)));
    }

    private static BigInteger serial() {
        return new BigInteger(127, RANDOM).add(BigInteger.ONE);
    }

    private static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no EC P-256 key generator in this JDK", e);
        }
    }
}
