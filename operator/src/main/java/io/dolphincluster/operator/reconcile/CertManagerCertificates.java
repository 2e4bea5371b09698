package io.dolphincluster.operator.reconcile;

import io.dolphincluster.operator.desired.CertManagerDesired;
import io.dolphincluster.operator.desired.Names;
import io.dolphincluster.operator.desired.Role;
import io.dolphincluster.operator.desired.TlsSecretsDesired;
import io.dolphincluster.operator.model.DolphinCluster;
import io.dolphincluster.pki.Pem;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A cluster's certificates when cert-manager issues them: the operator applies the Issuers and
 * Certificates of {@link CertManagerDesired} (server-side apply, plain API calls: no informer, as
 * cert-manager may be installed after the operator starts) and waits for cert-manager to write each
 * role's Secret; it never writes those Secrets itself. Once both are there, their {@code ca.crt} is
 * the CA the operator's own calls trust. cert-manager renews them ({@code renewBefore}); the
 * kubelet refreshes the mounted files and the runtime reloads them, as with the operator's
 * certificates.
 */
final class CertManagerCertificates {
    private static final String FIELD_MANAGER = "dolphincluster-operator";

    private final KubernetesClient client;
    private final ClusterSecrets secrets;
    private final ClusterEvents events;

    /**
     * Clusters (by uid) told they wait for cert-manager, so each wait is one Event, not one a pass.
     */
    private final Set<String> waiting = ConcurrentHashMap.newKeySet();

    CertManagerCertificates(KubernetesClient client, ClusterSecrets secrets, ClusterEvents events) {
        this.client = client;
        this.secrets = secrets;
        this.events = events;
    }

    /** Whether the API server serves cert-manager's Issuer and Certificate (its CRDs are in). */
    static boolean served(KubernetesClient client) {
        return client.supports(CertManagerDesired.API_VERSION, CertManagerDesired.ISSUER)
                && client.supports(CertManagerDesired.API_VERSION, CertManagerDesired.CERTIFICATE);
    }

    /**
     * The CA that signed the cluster's certificates, once cert-manager has written every role's
     * Secret; when {@code act}, the Issuers and Certificates are applied first. Empty while a
     * Secret is missing or incomplete (an Event names it) or when cert-manager is not installed.
     */
    Optional<X509Certificate> caIssued(DolphinCluster cluster, boolean act) {
        Names names = new Names(cluster);
        try {
            if (!served(client)) {
                events.record(
                        cluster,
                        true,
                        "CertificatesUnavailable",
                        "spec.tls.issuer is cert-manager but the API server serves no "
                                + CertManagerDesired.API_VERSION
                                + " Issuer and Certificate: install cert-manager, or set"
                                + " spec.tls.issuer to operator");
                return Optional.empty();
            }
            if (act) {
                for (GenericKubernetesResource resource : CertManagerDesired.all(cluster)) {
                    client.resource(resource)
                            .inNamespace(names.namespace())
                            .fieldManager(FIELD_MANAGER)
                            .forceConflicts()
                            .serverSideApply();
                }
            }
            List<String> missing = new ArrayList<>();
            Optional<X509Certificate> ca = Optional.empty();
            for (Role role : Role.values()) {
                Optional<X509Certificate> roleCa =
                        issuedCa(secrets.read(names, names.tlsSecret(role)));
                if (roleCa.isEmpty()) missing.add(names.tlsSecret(role));
                if (role == Role.CONTROLLER) ca = roleCa;
            }
            String uid = cluster.getMetadata().getUid();
            if (!missing.isEmpty()) {
                if (waiting.add(uid)) {
                    events.record(
                            cluster,
                            false,
                            "CertificatesPending",
                            "waiting for cert-manager to issue Secret(s) "
                                    + String.join(", ", missing));
                }
                return Optional.empty();
            }
            if (waiting.remove(uid)) {
                events.record(
                        cluster,
                        false,
                        "CertificatesReady",
                        "cert-manager issued the Secrets "
                                + names.tlsSecret(Role.CONTROLLER)
                                + " and "
                                + names.tlsSecret(Role.DATANODE));
            }
            return ca;
        } catch (KubernetesClientException e) {
            events.record(
                    cluster,
                    true,
                    "CertificatesUnavailable",
                    "cannot apply the cert-manager Issuers and Certificates of "
                            + names.cluster()
                            + " in namespace "
                            + names.namespace()
                            + " or read their Secrets (the operator needs get, create and patch on"
                            + " issuers and certificates of cert-manager.io, get on Secrets): "
                            + e.getMessage());
            return Optional.empty();
        }
    }

    /** The Secret's {@code ca.crt}, when it also holds a certificate and a key. */
    static Optional<X509Certificate> issuedCa(Secret secret) {
        if (ClusterSecrets.value(secret, TlsSecretsDesired.CERT).isEmpty()
                || ClusterSecrets.value(secret, TlsSecretsDesired.KEY).isEmpty()) {
            return Optional.empty();
        }
        try {
            return ClusterSecrets.value(secret, TlsSecretsDesired.CA_CERT)
                    .map(pem -> Pem.certificates(pem.getBytes(StandardCharsets.US_ASCII)).get(0));
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            return Optional.empty();
        }
    }
}
