package io.dolphincluster.operator.reconcile;

import io.dolphincluster.operator.desired.Names;
import io.dolphincluster.operator.desired.Role;
import io.dolphincluster.operator.desired.TlsSecretsDesired;
import io.dolphincluster.operator.model.Annotations;
import io.dolphincluster.operator.model.ClusterChange;
import io.dolphincluster.operator.model.DolphinCluster;
import io.dolphincluster.operator.tls.CaRotation;
import io.dolphincluster.operator.tls.CaRotation.Stage;
import io.dolphincluster.operator.tls.CaRotation.Step;
import io.dolphincluster.operator.tls.CertificateRenewal;
import io.dolphincluster.pki.CertificateAuthority;
import io.dolphincluster.pki.Pem;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Carries out a CA rotation ({@link CaRotation}) with plain API calls: the new CA waits in the
 * Secret {@code <cluster>-ca-next}, each role's TLS Secret is written stage by stage, a pod's
 * progress is read from the certificate its TLS port serves ({@link ServedCertificates}), and at
 * the end the new CA replaces {@code <cluster>-ca} (deleted and created again: it is immutable)
 * before {@code -ca-next} goes. Each pass takes the steps it may and stops at the first wait; the
 * next reconcile (every 2 s while a change is in progress) looks again. Events: {@code
 * CaRotationStarted}, {@code CaRotationNewCertificates}, {@code CaRotationFinished}; never key
 * material.
 */
final class ClusterCaRotation {
    static final String KIND = "RotateCa";

    /** On {@code -ca-next}: why the rotation started, for its first Event. */
    static final String REASON = "dolphincluster.io/rotation-reason";

    /** The certificate a pod's TLS port serves now, or an exception saying why none came. */
    interface ServedCertificates {
        X509Certificate at(String host, int port) throws IOException;
    }

    /**
     * The CAs the operator's own calls trust now, and the rotation's step while one is in progress.
     */
    record Trust(List<X509Certificate> cas, Optional<ClusterChange> rotation) {}

    private final KubernetesClient client;
    private final ClusterSecrets secrets;
    private final ClusterEvents events;
    private final Clock clock;
    private final ServedCertificates served;

    ClusterCaRotation(
            KubernetesClient client,
            ClusterSecrets secrets,
            ClusterEvents events,
            Clock clock,
            ServedCertificates served) {
        this.client = client;
        this.secrets = secrets;
        this.events = events;
        this.clock = clock;
        this.served = served;
    }

    /** Starts a rotation: the new CA, recorded in {@code -ca-next} with the request it honours. */
    Secret begin(DolphinCluster cluster, Names names, String reason) {
        CertificateAuthority created =
                CertificateAuthority.create(
                        "DolphinCluster CA " + names.cluster(), clock.instant());
        Secret next =
                TlsSecretsDesired.ca(
                        cluster, names.caNextSecret(), created, cluster.caRotationRequest());
        next.getMetadata().getAnnotations().put(REASON, reason);
        return secrets.create(cluster, next);
    }

    /**
     * Takes the rotation from {@code current} (the CA in {@code <cluster>-ca}) to {@code next} (the
     * CA in {@code -ca-next}) as far as it may now; only reads when not {@code act}.
     */
    Trust advance(
            DolphinCluster cluster,
            Names names,
            CertificateAuthority current,
            CertificateAuthority next,
            Secret nextSecret,
            boolean act) {
        X509Certificate old = current.certificate();
        List<X509Certificate> both = List.of(next.certificate(), old);
        if (old.equals(next.certificate())) {
            // <cluster>-ca holds the new CA already: only -ca-next is left to delete.
            if (act) {
                forgotten(cluster, names);
                return new Trust(List.of(old), Optional.empty());
            }
            return new Trust(List.of(old), change(next, "forgetting the old CA"));
        }
        Step step = null;
        for (int pass = 0; pass < Stage.values().length + 2; pass++) {
            Map<Role, Secret> roles = new EnumMap<>(Role.class);
            Map<Role, Stage> stages = new EnumMap<>(Role.class);
            for (Role role : Role.values()) {
                Secret secret = secrets.read(names, names.tlsSecret(role));
                roles.put(role, secret);
                stages.put(
                        role,
                        CaRotation.stageOf(
                                certificates(secret, TlsSecretsDesired.CA_CERT),
                                certificates(secret, TlsSecretsDesired.CERT).stream().findFirst(),
                                old,
                                next.certificate()));
            }
            step = CaRotation.next(stages.values(), false);
            if (!act) {
                return new Trust(both, change(next, step.describe()));
            }
            switch (step.action()) {
                case WRITE -> written(cluster, names, roles, stages, step, current, next);
                case AWAIT_SERVED_THEN_WRITE -> {
                    Optional<String> waiting = notYetServed(names, roles);
                    if (waiting.isPresent()) {
                        return new Trust(
                                both, change(next, step.describe() + " (" + waiting.get() + ")"));
                    }
                    written(cluster, names, roles, stages, step, current, next);
                }
                case REPLACE_CA -> {
                    replaced(cluster, names, next, nextSecret);
                    forgotten(cluster, names);
                    return new Trust(List.of(next.certificate()), Optional.empty());
                }
                case FORGET_OLD_CA -> throw new IllegalStateException("handled above");
            }
        }
        return new Trust(both, change(next, step.describe()));
    }

    /**
     * {@code <cluster>-ca} is missing while {@code -ca-next} exists: a rotation stopped between
     * deleting the one and creating it again from the other. Creates it, holding {@code next}, the
     * CA read from {@code nextSecret}.
     */
    Secret replaced(
            DolphinCluster cluster, Names names, CertificateAuthority next, Secret nextSecret) {
        Secret current = secrets.read(names, names.caSecret());
        if (current != null && current.getData().equals(nextSecret.getData())) {
            return current;
        }
        if (current != null) {
            client.secrets().inNamespace(names.namespace()).withName(names.caSecret()).delete();
        }
        Secret replacement =
                TlsSecretsDesired.ca(
                        cluster,
                        names.caSecret(),
                        next,
                        Annotations.value(nextSecret, TlsSecretsDesired.ROTATION_HONOURED));
        // Deleted above when it held the old CA: create() would otherwise read back the old one.
        return secrets.create(cluster, replacement);
    }

    private void forgotten(DolphinCluster cluster, Names names) {
        client.secrets().inNamespace(names.namespace()).withName(names.caNextSecret()).delete();
        events.record(
                cluster,
                false,
                "CaRotationFinished",
                "every pod serves a certificate of the new CA; the TLS Secrets trust it alone and"
                        + " Secret "
                        + names.caSecret()
                        + " holds it: the old CA is forgotten");
    }

    private void written(
            DolphinCluster cluster,
            Names names,
            Map<Role, Secret> roles,
            Map<Role, Stage> stages,
            Step step,
            CertificateAuthority current,
            CertificateAuthority next) {
        for (Role role : Role.values()) {
            if (stages.get(role) == step.from()) {
                write(cluster, names, role, roles.get(role), step.to(), current, next);
            }
        }
        switch (step.to()) {
            case BUNDLE ->
                    events.record(
                            cluster,
                            false,
                            "CaRotationStarted",
                            "rotating the cluster CA ("
                                    + Annotations.value(
                                                    secrets.read(names, names.caNextSecret()),
                                                    REASON)
                                            .orElse("requested")
                                    + "): the TLS Secrets trust the new and the old CA, with certificates"
                                    + " of the old CA");
            case NEW_CERTIFICATE ->
                    events.record(
                            cluster,
                            false,
                            "CaRotationNewCertificates",
                            "every pod trusts the new and the old CA: the TLS Secrets hold certificates of"
                                    + " the new CA");
            default -> {
                // NEW_CA_ONLY is announced with the end of the rotation.
            }
        }
    }

    private void write(
            DolphinCluster cluster,
            Names names,
            Role role,
            Secret existing,
            Stage to,
            CertificateAuthority current,
            CertificateAuthority next) {
        List<X509Certificate> trusted =
                CaRotation.caFile(to, current.certificate(), next.certificate());
        Secret desired;
        if (to == Stage.NEW_CA_ONLY) {
            // The same certificate and key; only ca.crt changes.
            desired =
                    TlsSecretsDesired.role(
                            cluster,
                            role,
                            new CertificateAuthority.Issued(
                                    certificates(existing, TlsSecretsDesired.CERT).get(0),
                                    Pem.privateKey(
                                            ClusterSecrets.value(existing, TlsSecretsDesired.KEY)
                                                    .orElseThrow()
                                                    .getBytes(StandardCharsets.US_ASCII))),
                            trusted);
        } else {
            CertificateAuthority issuer = CaRotation.newCertificate(to) ? next : current;
            desired =
                    TlsSecretsDesired.role(
                            cluster,
                            role,
                            issuer.issue(
                                    TlsSecretsDesired.certificateNames(names, role),
                                    clock.instant(),
                                    CertificateRenewal.VALIDITY),
                            trusted);
        }
        secrets.replace(cluster, desired, existing);
    }

    /**
     * Which pod does not yet serve its role's certificate (the one in its Secret now), or empty
     * when every pod of every role does. A pod that is not running or does not answer is not
     * serving it: it will read the newest files when it starts.
     */
    private Optional<String> notYetServed(Names names, Map<Role, Secret> roles) {
        for (Role role : Role.values()) {
            X509Certificate wanted = certificates(roles.get(role), TlsSecretsDesired.CERT).get(0);
            List<Pod> pods =
                    client.pods()
                            .inNamespace(names.namespace())
                            .withLabels(names.selector(role))
                            .list()
                            .getItems();
            for (Pod pod : pods) {
                String name = pod.getMetadata().getName();
                int ordinal = names.ordinalOf(role, name);
                if (ordinal < 0) {
                    continue;
                }
                if (pod.getStatus() == null || !"Running".equals(pod.getStatus().getPhase())) {
                    return Optional.of("pod " + name + " is not running");
                }
                String host = names.podHost(role, ordinal);
                try {
                    X509Certificate cert = served.at(host, role.sitePort());
                    if (!cert.equals(wanted)) {
                        return Optional.of("pod " + name + " serves an earlier certificate");
                    }
                } catch (IOException | RuntimeException e) {
                    return Optional.of(
                            "pod " + name + " does not answer on " + role.sitePort() + ": " + e);
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<ClusterChange> change(CertificateAuthority next, String step) {
        return Optional.of(
                new ClusterChange(
                        KIND,
                        "a new cluster CA, valid until "
                                + next.certificate().getNotAfter().toInstant(),
                        step));
    }

    private static List<X509Certificate> certificates(Secret secret, String key) {
        try {
            return ClusterSecrets.value(secret, key)
                    .map(pem -> Pem.certificates(pem.getBytes(StandardCharsets.US_ASCII)))
                    .orElse(List.of());
        } catch (IllegalArgumentException e) {
            return List.of();
        }
    }
}
