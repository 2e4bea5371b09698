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
    private final CertManagerApi api;

    /**
     * Clusters (by uid) told they wait for cert-manager, so each wait is one Event, not one a pass.
     */
    private final Set<String> waiting = ConcurrentHashMap.newKeySet();

    /** Clusters (by uid) told cert-manager's CRDs are not served, likewise one Event a time. */
    private final Set<String> notServed = ConcurrentHashMap.newKeySet();

    CertManagerCertificates(
            KubernetesClient client,
            ClusterSecrets secrets,
            ClusterEvents events,
            CertManagerApi api) {
        this.client = client;
        this.secrets = secrets;
        this.events = events;
        this.api = api;
    }

    /**
     * The CA that signed the cluster's certificates, once cert-manager has written every role's
     * Secret; when {@code act} and cert-manager's CRDs are served, the Issuers and Certificates are
     * applied first. Without the CRDs (cert-manager not installed, or removed) the Secrets already
     * written are still used, and nothing renews them (a warning Event says so, once). Empty while
     * a Secret is missing or incomplete (an Event names it).
     */
    Optional<X509Certificate> caIssued(DolphinCluster cluster, boolean act) {
        Names names = new Names(cluster);
        String uid = cluster.getMetadata().getUid();
        try {
            boolean served = api.served();
            if (!served && notServed.add(uid)) {
                events.record(
                        cluster,
                        true,
                        "CertManagerMissing",
                        "cert-manager issues the certificates of "
                                + names.cluster()
                                + " but the API server serves no "
                                + CertManagerDesired.API_VERSION
                                + " Issuer and Certificate: nothing issues or renews them until"
                                + " cert-manager is installed (or set spec.tls.issuer to operator;"
                                + " a Secret "
                                + names.caSecret()
                                + " cert-manager wrote must then be deleted)");
            }
            if (served) {
                notServed.remove(uid);
            }
            if (act && served) {
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
            // Perhaps cert-manager's CRDs went since discovery was asked: ask again next time.
            api.forget();
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
