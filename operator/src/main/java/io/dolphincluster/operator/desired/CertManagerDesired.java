package io.dolphincluster.operator.desired;

import io.dolphincluster.operator.model.DolphinCluster;
import io.dolphincluster.operator.model.Owners;
import io.dolphincluster.operator.tls.CertificateRenewal;
import io.dolphincluster.pki.CertificateAuthority;
import io.dolphincluster.pki.SubjectNames;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cert-manager resources (cert-manager.io/v1) that issue a cluster's certificates when
 * cert-manager does: a self-signing Issuer {@code <name>-selfsigned} that signs the cluster's CA,
 * the CA Certificate {@code <name>-ca} (Secret {@code <name>-ca}), an Issuer {@code <name>-ca}
 * signing with it, and a Certificate per role into the Secret the pods already mount ({@code
 * <name>-<role>-tls}: {@code tls.crt}, {@code tls.key}, {@code ca.crt}) with the names, validity
 * and renewal point of the operator's own certificates. All owned by the cluster.
 */
public final class CertManagerDesired {
    public static final String API_VERSION = "cert-manager.io/v1";
    public static final String ISSUER = "Issuer";
    public static final String CERTIFICATE = "Certificate";

    private CertManagerDesired() {}

    public static String selfSignedIssuer(Names names) {
        return names.cluster() + "-selfsigned";
    }

    /** The CA Issuer, the CA Certificate and its Secret share this name. */
    public static String caIssuer(Names names) {
        return names.caSecret();
    }

    /** Every resource, in the order they are applied: issuers before what they sign. */
    public static List<GenericKubernetesResource> all(DolphinCluster cluster) {
        Names names = new Names(cluster);
        return List.of(
                resource(
                        cluster,
                        ISSUER,
                        selfSignedIssuer(names),
                        names.clusterLabels(),
                        Map.of("selfSigned", Map.of())),
                resource(
                        cluster,
                        CERTIFICATE,
                        names.caSecret(),
                        names.clusterLabels(),
                        caSpec(names)),
                resource(
                        cluster,
                        ISSUER,
                        caIssuer(names),
                        names.clusterLabels(),
                        Map.of("ca", Map.of("secretName", names.caSecret()))),
                roleCertificate(cluster, Role.CONTROLLER),
                roleCertificate(cluster, Role.DATANODE));
    }

    private static Map<String, Object> caSpec(Names names) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("isCA", true);
        spec.put("commonName", "DolphinCluster CA " + names.cluster());
        spec.put("secretName", names.caSecret());
        spec.put("duration", goDuration(CertificateAuthority.VALIDITY));
        spec.put("privateKey", Map.of("algorithm", "ECDSA", "size", 256));
        spec.put("issuerRef", issuerRef(selfSignedIssuer(names)));
        return spec;
    }

    static GenericKubernetesResource roleCertificate(DolphinCluster cluster, Role role) {
        Names names = new Names(cluster);
        SubjectNames subject = TlsSecretsDesired.certificateNames(names, role);
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("secretName", names.tlsSecret(role));
        spec.put("secretTemplate", Map.of("labels", names.roleLabels(role)));
        spec.put("commonName", subject.first());
        spec.put("dnsNames", subject.dnsNames());
        spec.put("ipAddresses", subject.addresses());
        spec.put("duration", goDuration(CertificateRenewal.VALIDITY));
        spec.put("renewBefore", goDuration(CertificateRenewal.renewBefore()));
        // PKCS#8, as the runtime reads tls.key; Always: a renewal brings a new key too
        spec.put(
                "privateKey",
                Map.of(
                        "algorithm", "ECDSA",
                        "size", 256,
                        "encoding", "PKCS8",
                        "rotationPolicy", "Always"));
        // server and client: Raft is mutual TLS between the controllers
        spec.put(
                "usages",
                List.of("digital signature", "key encipherment", "server auth", "client auth"));
        spec.put("issuerRef", issuerRef(caIssuer(names)));
        return resource(cluster, CERTIFICATE, names.tlsSecret(role), names.roleLabels(role), spec);
    }

    private static Map<String, Object> issuerRef(String name) {
        return Map.of("name", name, "kind", ISSUER, "group", "cert-manager.io");
    }

    /** A duration as cert-manager writes one (Go's): {@code 2160h0m0s}. */
    static String goDuration(Duration duration) {
        return duration.toHours()
                + "h"
                + duration.toMinutesPart()
                + "m"
                + duration.toSecondsPart()
                + "s";
    }

    private static GenericKubernetesResource resource(
            DolphinCluster cluster,
            String kind,
            String name,
            Map<String, String> labels,
            Map<String, Object> spec) {
        GenericKubernetesResource resource =
                new GenericKubernetesResourceBuilder()
                        .withApiVersion(API_VERSION)
                        .withKind(kind)
                        .withNewMetadata()
                        .withName(name)
                        .withNamespace(cluster.getMetadata().getNamespace())
                        .withLabels(labels)
                        .withOwnerReferences(Owners.controllerReference(cluster))
                        .endMetadata()
                        .build();
        resource.setAdditionalProperty("spec", spec);
        return resource;
    }
}
