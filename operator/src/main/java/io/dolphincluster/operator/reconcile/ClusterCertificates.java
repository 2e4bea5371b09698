package io.dolphincluster.operator.reconcile;

import io.dolphincluster.operator.desired.Names;
import io.dolphincluster.operator.desired.Role;
import io.dolphincluster.operator.desired.TlsSecretsDesired;
import io.dolphincluster.operator.model.Annotations;
import io.dolphincluster.operator.model.DolphinCluster;
import io.dolphincluster.operator.tls.CaRotation;
import io.dolphincluster.operator.tls.CertificateIssuer;
import io.dolphincluster.operator.tls.CertificateRenewal;
import io.dolphincluster.pki.CertificateAuthority;
import io.dolphincluster.pki.Pem;
import io.dolphincluster.pki.SubjectNames;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A cluster's certificates, kept with plain API calls like {@link ClusterSecrets}: the CA Secret is
 * created once (its key is read by the operator alone and never leaves the Secret), and each role's
 * TLS Secret is created, then updated with a new certificate when {@link CertificateRenewal} says
 * so (names changed, another CA, a third of its validity left, or a new value of the cluster's
 * {@code dolphincluster.io/renew-certificates} annotation, which the Secret then records); the
 * kubelet refreshes the mounted files and the runtime reloads them. The CA itself is rotated with
 * an overlap of the old and the new ({@link ClusterCaRotation}) when a third of its validity is
 * left or the cluster's {@code dolphincluster.io/rotate-ca} annotation gets a new value; while a
 * rotation runs, it alone writes the TLS Secrets. Nothing here logs or records key material: Events
 * name the Secret and the reason only.
 */
final class ClusterCertificates {
    private final KubernetesClient client;
    private final ClusterSecrets secrets;
    private final ClusterEvents events;
    private final Clock clock;
    private final ClusterCaRotation rotation;

    ClusterCertificates(
            KubernetesClient client,
            ClusterSecrets secrets,
            ClusterEvents events,
            Clock clock,
            ClusterCaRotation.ServedCertificates served) {
        this.client = client;
        this.secrets = secrets;
        this.events = events;
        this.clock = clock;
        this.rotation = new ClusterCaRotation(client, secrets, events, clock, served);
    }

    /**
     * The CAs the operator's own calls trust (the cluster's CA; during a CA rotation the new and
     * the old) and the rotation's step while one is in progress; when {@code act}, the CA and every
     * role's certificate are created or re-issued first, and a rotation is started or taken further
     * ({@link ClusterCaRotation}). Empty when the CA cannot be read or made (the reason is an
     * Event). {@code caSecret} reads the CA Secret (null when there is none; the rotation's {@code
     * -ca-next} when only that one exists, a rotation stopped while replacing the CA).
     */
    Optional<ClusterCaRotation.Trust> caIssued(
            DolphinCluster cluster, boolean act, Supplier<Secret> caSecret) {
        Names names = new Names(cluster);
        try {
            Secret read = caSecret.get();
            boolean onlyNext =
                    read != null && names.caNextSecret().equals(read.getMetadata().getName());
            Secret current = onlyNext ? null : read;
            Secret next = onlyNext ? read : secrets.read(names, names.caNextSecret());
            if (current == null && next != null) {
                if (!act) {
                    return Optional.of(
                            new ClusterCaRotation.Trust(
                                    List.of(ca(next).certificate()), Optional.empty()));
                }
                current = rotation.replaced(cluster, names, ca(next), next);
            }
            Optional<CertificateAuthority> ca = ca(cluster, names, act, current);
            if (ca.isEmpty()) {
                return Optional.empty();
            }
            if (next == null && act) {
                for (Role role : Role.values()) {
                    roleCertificateCurrent(cluster, names, role, ca.get());
                }
                Optional<String> due =
                        CaRotation.due(
                                ca.get().certificate(),
                                cluster.caRotationRequest(),
                                Annotations.value(current, TlsSecretsDesired.ROTATION_HONOURED),
                                clock.instant());
                if (due.isPresent()) {
                    next = rotation.begin(cluster, names, due.get());
                }
            }
            if (next == null) {
                return Optional.of(
                        new ClusterCaRotation.Trust(
                                List.of(ca.get().certificate()), Optional.empty()));
            }
            return Optional.of(rotation.advance(cluster, names, ca.get(), ca(next), next, act));
        } catch (KubernetesClientException | GeneralSecurityException e) {
            events.record(
                    cluster,
                    true,
                    "CertificatesUnavailable",
                    "cannot read or issue the TLS certificates of "
                            + names.cluster()
                            + " in namespace "
                            + names.namespace()
                            + " (the operator needs get, create, update and, to rotate the CA,"
                            + " delete on Secrets there): "
                            + e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Who made a cluster's CA Secret: the operator's holds the CA key, cert-manager's does not;
     * empty when there is none.
     */
    static Optional<CertificateIssuer> caMadeBy(Secret caSecret) {
        if (caSecret == null) {
            return Optional.empty();
        }
        return Optional.of(
                ClusterSecrets.value(caSecret, TlsSecretsDesired.CA_KEY).isPresent()
                        ? CertificateIssuer.OPERATOR
                        : CertificateIssuer.CERT_MANAGER);
    }

    private Optional<CertificateAuthority> ca(
            DolphinCluster cluster, Names names, boolean act, Secret secret)
            throws GeneralSecurityException {
        if (secret == null) {
            if (!act) {
                return Optional.empty();
            }
            CertificateAuthority created =
                    CertificateAuthority.create(
                            "DolphinCluster CA " + names.cluster(), clock.instant());
            // A rotation request already set is honoured by this new CA.
            secret =
                    secrets.create(
                            cluster,
                            TlsSecretsDesired.ca(cluster, created, cluster.caRotationRequest()));
        }
        return Optional.of(ca(secret));
    }

    /** The CA of a CA Secret (the cluster's or a rotation's next). */
    private static CertificateAuthority ca(Secret secret) throws GeneralSecurityException {
        String name = secret.getMetadata().getName();
        Optional<String> cert = ClusterSecrets.value(secret, TlsSecretsDesired.CA_CERT);
        Optional<String> key = ClusterSecrets.value(secret, TlsSecretsDesired.CA_KEY);
        if (cert.isEmpty() || key.isEmpty()) {
            throw new GeneralSecurityException("Secret " + name + " lacks ca.crt or ca.key");
        }
        try {
            return new CertificateAuthority(
                    Pem.certificates(cert.get().getBytes(StandardCharsets.US_ASCII)).get(0),
                    Pem.privateKey(key.get().getBytes(StandardCharsets.US_ASCII)));
        } catch (IllegalArgumentException e) {
            throw new GeneralSecurityException("Secret " + name + ": " + e.getMessage(), e);
        }
    }

    private void roleCertificateCurrent(
            DolphinCluster cluster, Names names, Role role, CertificateAuthority ca) {
        String name = names.tlsSecret(role);
        Secret existing = secrets.read(names, name);
        SubjectNames wanted = TlsSecretsDesired.certificateNames(names, role);
        Optional<String> reason =
                CertificateRenewal.requested(
                                cluster.renewalRequest(),
                                Annotations.value(existing, TlsSecretsDesired.RENEWAL_HONOURED))
                        .or(
                                () ->
                                        CertificateRenewal.reason(
                                                current(existing),
                                                ca.certificate(),
                                                wanted,
                                                clock.instant()));
        if (reason.isEmpty()) {
            return;
        }
        Secret desired =
                TlsSecretsDesired.role(
                        cluster,
                        role,
                        ca,
                        ca.issue(wanted, clock.instant(), CertificateRenewal.VALIDITY));
        secrets.replace(cluster, desired, existing);
        events.record(
                cluster,
                false,
                "CertificateIssued",
                "issued the "
                        + role.label()
                        + " certificate in Secret "
                        + name
                        + ": "
                        + reason.get());
    }

    private static Optional<X509Certificate> current(Secret secret) {
        try {
            Optional<String> pem = ClusterSecrets.value(secret, TlsSecretsDesired.CERT);
            return pem.isEmpty()
                    ? Optional.empty()
                    : Optional.of(
                            Pem.certificates(pem.get().getBytes(StandardCharsets.US_ASCII)).get(0));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
