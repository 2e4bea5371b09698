package io.dolphincluster.operator.desired;

import static org.assertj.core.api.Assertions.assertThat;

import io.dolphincluster.operator.model.DolphinCluster;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the operator asks cert-manager for: the issuer chain and the certificates the pods mount.
 */
class CertManagerDesiredTest {
    private final DolphinCluster cluster = TestClusters.demo();
    private final Names names = new Names(cluster);

    @SuppressWarnings("unchecked")
    private static Map<String, Object> spec(GenericKubernetesResource resource) {
        return (Map<String, Object>) resource.getAdditionalProperties().get("spec");
    }

    @Test
    void aSelfSignedIssuerSignsTheCaWhoseIssuerSignsEachRolesCertificate() {
        List<GenericKubernetesResource> all = CertManagerDesired.all(cluster);
        assertThat(all)
                .extracting(r -> r.getKind() + "/" + r.getMetadata().getName())
                .containsExactly(
                        "Issuer/" + names.cluster() + "-selfsigned",
                        "Certificate/" + names.caSecret(),
                        "Issuer/" + names.caSecret(),
                        "Certificate/" + names.tlsSecret(Role.CONTROLLER),
                        "Certificate/" + names.tlsSecret(Role.DATANODE));
        assertThat(all)
                .allSatisfy(r -> assertThat(r.getApiVersion()).isEqualTo("cert-manager.io/v1"));
        assertThat(all)
                .allSatisfy(
                        r ->
                                assertThat(r.getMetadata().getOwnerReferences())
                                        .singleElement()
                                        .satisfies(
                                                o ->
                                                        assertThat(o.getName())
                                                                .isEqualTo(names.cluster())));
        assertThat(spec(all.get(1)))
                .containsEntry("isCA", true)
                .containsEntry("secretName", names.caSecret())
                .containsEntry("duration", "87600h0m0s");
        assertThat(spec(all.get(2))).containsEntry("ca", Map.of("secretName", names.caSecret()));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aRolesCertificateHasTheOperatorsNamesValidityAndRenewalPoint() {
        Map<String, Object> spec = spec(CertManagerDesired.roleCertificate(cluster, Role.DATANODE));
        assertThat(spec)
                .containsEntry("secretName", names.tlsSecret(Role.DATANODE))
                .containsEntry("duration", "2160h0m0s")
                .containsEntry("renewBefore", "720h0m0s")
                .containsEntry(
                        "dnsNames",
                        TlsSecretsDesired.certificateNames(names, Role.DATANODE).dnsNames())
                .containsEntry("ipAddresses", List.of("127.0.0.1"))
                .containsEntry(
                        "issuerRef",
                        Map.of(
                                "name",
                                names.caSecret(),
                                "kind",
                                "Issuer",
                                "group",
                                "cert-manager.io"));
        assertThat((Map<String, Object>) spec.get("privateKey")).containsEntry("encoding", "PKCS8");
        assertThat((List<String>) spec.get("usages")).contains("server auth", "client auth");
    }
}
