package io.dolphincluster.operator.desired;

import io.dolphincluster.operator.model.DolphinCluster;
import io.dolphincluster.pki.CertificateAuthority;
import io.dolphincluster.pki.Pem;
import io.dolphincluster.pki.SubjectNames;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The TLS Secrets of a cluster: its CA ({@code <name>-ca}: {@value #CA_CERT} and {@value #CA_KEY},
 * read only by the operator) and one {@code kubernetes.io/tls} Secret per role ({@code
 * <name>-<role>-tls}: {@value #CERT}, {@value #KEY}, {@value #CA_CERT}) mounted read-only at {@link
 * #MOUNT_DIR} in every pod of the role and named by the config's {@code tlsCertFile}, {@code
 * tlsKeyFile} and {@code tlsCaFile}. A role's certificate names every pod of the role through its
 * headless Service (a wildcard: the pods of a scaled role are covered without a new certificate),
 * the Services in front of the role, and {@code localhost}/{@code 127.0.0.1} ({@code kubectl
 * port-forward} connects to the pod's loopback).
 */
public final class TlsSecretsDesired {
    public static final String CERT = "tls.crt";
    public static final String KEY = "tls.key";
    public static final String CA_CERT = "ca.crt";
    public static final String CA_KEY = "ca.key";
    public static final String VOLUME = "tls";
    public static final String MOUNT_DIR = "/etc/dolphin-tls";

    /**
     * On a role's TLS Secret: the cluster's {@code renew-certificates} annotation value its
     * certificate was issued for, so one request renews once.
     */
    public static final String RENEWAL_HONOURED = "dolphincluster.io/renewal-request";

    private TlsSecretsDesired() {}

    /**
     * On the CA Secret: the cluster's {@code rotate-ca} annotation value the CA was made for, so
     * one request rotates once.
     */
    public static final String ROTATION_HONOURED = "dolphincluster.io/rotation-request";

    public static Secret ca(
            DolphinCluster cluster, CertificateAuthority ca, Optional<String> honours) {
        return ca(cluster, new Names(cluster).caSecret(), ca, honours);
    }

    /**
     * A CA Secret named {@code name} (the cluster's, or the next one of a rotation): immutable, and
     * annotated with the {@code rotate-ca} value it {@code honours}, if any.
     */
    public static Secret ca(
            DolphinCluster cluster,
            String name,
            CertificateAuthority ca,
            Optional<String> honours) {
        Names names = new Names(cluster);
        Map<String, String> data = new LinkedHashMap<>();
        data.put(CA_CERT, base64(Pem.encode(ca.certificate())));
        data.put(CA_KEY, base64(Pem.encode(ca.key())));
        Secret secret =
                secret(
                        names,
                        name,
                        names.clusterLabels(),
                        honouring(ROTATION_HONOURED, honours),
                        "Opaque",
                        data);
        secret.setImmutable(true);
        return secret;
    }

    public static Secret role(
            DolphinCluster cluster,
            Role role,
            CertificateAuthority ca,
            CertificateAuthority.Issued issued) {
        return role(cluster, role, issued, List.of(ca.certificate()));
    }

    /**
     * A role's Secret whose {@value #CA_CERT} lists {@code trusted} (during a CA rotation the new
     * and the old CA), annotated with the cluster's {@code renew-certificates} value, if any: a
     * Secret written now honours the request made before it.
     */
    public static Secret role(
            DolphinCluster cluster,
            Role role,
            CertificateAuthority.Issued issued,
            List<X509Certificate> trusted) {
        Names names = new Names(cluster);
        Map<String, String> data = new LinkedHashMap<>();
        data.put(CERT, base64(Pem.encode(issued.certificate())));
        data.put(KEY, base64(Pem.encode(issued.key())));
        StringBuilder bundle = new StringBuilder();
        trusted.forEach(ca -> bundle.append(Pem.encode(ca)));
        data.put(CA_CERT, base64(bundle.toString()));
        return secret(
                names,
                names.tlsSecret(role),
                names.roleLabels(role),
                honouring(RENEWAL_HONOURED, cluster.renewalRequest()),
                "kubernetes.io/tls",
                data);
    }

    /** The names a role's certificate is valid for. */
    public static SubjectNames certificateNames(Names names, Role role) {
        List<String> dns = new ArrayList<>();
        String headless = names.of(role) + "." + names.namespace() + ".svc";
        dns.add("*." + headless);
        dns.add("*." + headless + ".cluster.local");
        dns.addAll(serviceNames(names, names.of(role)));
        if (role == Role.DATANODE) {
            dns.addAll(serviceNames(names, names.clientService()));
        }
        dns.add("localhost");
        return new SubjectNames(dns, List.of("127.0.0.1"));
    }

    /** The config lines that turn TLS on with the mounted files. */
    public static List<String> configLines() {
        return List.of(
                "enableHTTPS=true",
                "tlsCertFile=" + MOUNT_DIR + "/" + CERT,
                "tlsKeyFile=" + MOUNT_DIR + "/" + KEY,
                "tlsCaFile=" + MOUNT_DIR + "/" + CA_CERT);
    }

    private static List<String> serviceNames(Names names, String service) {
        String ns = names.namespace();
        return List.of(
                service,
                service + "." + ns,
                service + "." + ns + ".svc",
                service + "." + ns + ".svc.cluster.local");
    }

    private static Secret secret(
            Names names,
            String name,
            Map<String, String> labels,
            Map<String, String> annotations,
            String type,
            Map<String, String> data) {
        return new SecretBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(names.namespace())
                .withLabels(labels)
                .withAnnotations(annotations)
                .endMetadata()
                .withType(type)
                .withData(data)
                .build();
    }

    /** The annotation saying which request a Secret was made for; none without a request. */
    private static Map<String, String> honouring(String key, Optional<String> request) {
        return request.map(value -> Map.of(key, value)).orElse(Map.of());
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
