package io.dolphincluster.operator.reconcile;

import io.dolphincluster.operator.desired.Names;
import io.dolphincluster.operator.desired.Role;
import io.dolphincluster.operator.desired.TlsSecretsDesired;
import io.dolphincluster.operator.model.Annotations;
import io.dolphincluster.operator.model.DolphinCluster;
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
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A cluster's certificates, kept with plain API calls like {@link ClusterSecrets}: the CA Secret is
 * created once (its key is read by the operator alone and never leaves the Secret), and each role's
 * TLS Secret is created, then updated with a new certificate when {@link CertificateRenewal} says
 * so (names changed, another CA, a third of its validity left, or a new value of the cluster's
 * {@code dolphincluster.io/renew-certificates} annotation, which the Secret then records); the
 * kubelet refreshes the mounted files and the runtime reloads them. Nothing here logs or records
 * key material: Events name the Secret and the reason only.
 */
final class ClusterCertificates {
    private final KubernetesClient client;
    private final ClusterSecrets secrets;
    private final ClusterEvents events;
    private final Clock clock;

    ClusterCertificates(
            KubernetesClient client, ClusterSecrets secrets, ClusterEvents events, Clock clock) {
        this.client = client;
        this.secrets = secrets;
        this.events = events;
        this.clock = clock;
    }

    /**
     * The cluster's CA certificate, for the operator's own calls to trust; when {@code act}, the CA
     * and every role's certificate are created or re-issued first. Empty when the CA cannot be read
     * or made (the reason is an Event). {@code caSecret} reads the CA Secret (null when there is
     * none).
     */
    Optional<X509Certificate> caIssued(
            DolphinCluster cluster, boolean act, Supplier<Secret> caSecret) {
        Names names = new Names(cluster);
        try {
            Optional<CertificateAuthority> ca = ca(cluster, names, act, caSecret.get());
            if (ca.isPresent() && act) {
                for (Role role : Role.values()) {
                    roleCertificateCurrent(cluster, names, role, ca.get());
                }
            }
            return ca.map(CertificateAuthority::certificate);
        } catch (KubernetesClientException | GeneralSecurityException e) {
            events.record(
                    cluster,
                    true,
                    "CertificatesUnavailable",
                    "cannot read or issue the TLS certificates of "
                            + names.cluster()
                            + " in namespace "
                            + names.namespace()
                            + " (the operator needs get, create and update on Secrets there): "
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
            Secret desired = TlsSecretsDesired.ca(cluster, created);
            desired.setImmutable(true);
            secret = secrets.create(cluster, desired);
        }
        Optional<String> cert = ClusterSecrets.value(secret, TlsSecretsDesired.CA_CERT);
        Optional<String> key = ClusterSecrets.value(secret, TlsSecretsDesired.CA_KEY);
        if (cert.isEmpty() || key.isEmpty()) {
            throw new GeneralSecurityException(
                    "Secret " + names.caSecret() + " lacks ca.crt or ca.key");
        }
        try {
            return Optional.of(
                    new CertificateAuthority(
                            Pem.certificates(cert.get().getBytes(StandardCharsets.US_ASCII)).get(0),
                            Pem.privateKey(key.get().getBytes(StandardCharsets.US_ASCII))));
        } catch (IllegalArgumentException e) {
            throw new GeneralSecurityException(
                    "Secret " + names.caSecret() + ": " + e.getMessage(), e);
        }
    }

    private void roleCertificateCurrent(
            DolphinCluster cluster, Names names, Role role, CertificateAuthority ca) {
        String name = names.tlsSecret(role);
        Secret existing = secrets.read(names, name);
        SubjectNames wanted = TlsSecretsDesired.certificateNames(names, role);
        Optional<String> requested = cluster.renewalRequest();
        Optional<String> reason =
                CertificateRenewal.requested(
                                requested,
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
        requested.ifPresent(
                value ->
                        desired.getMetadata()
                                .setAnnotations(Map.of(TlsSecretsDesired.RENEWAL_HONOURED, value)));
        if (existing == null) {
            secrets.create(cluster, desired);
        } else {
            desired.getMetadata().setOwnerReferences(existing.getMetadata().getOwnerReferences());
            desired.getMetadata().setResourceVersion(existing.getMetadata().getResourceVersion());
            client.secrets().inNamespace(names.namespace()).resource(desired).update();
        }
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
