package io.dolphincluster.operator.tls;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CertificateIssuerTest {

    @Test
    void autoUsesCertManagerWhereItsCrdsAreServedUnlessTheOperatorMadeTheCaAlready() {
        assertThat(CertificateIssuer.of("auto", () -> true, () -> false))
                .isEqualTo(CertificateIssuer.CERT_MANAGER);
        assertThat(CertificateIssuer.of("auto", () -> false, () -> false))
                .isEqualTo(CertificateIssuer.OPERATOR);
        assertThat(CertificateIssuer.of("auto", () -> true, () -> true))
                .as("a running cluster keeps the operator's CA")
                .isEqualTo(CertificateIssuer.OPERATOR);
        assertThat(CertificateIssuer.of(null, () -> true, () -> false))
                .as("an older resource without the field")
                .isEqualTo(CertificateIssuer.CERT_MANAGER);
    }

    @Test
    void anExplicitIssuerIsUsedWhateverIsInstalled() {
        assertThat(CertificateIssuer.of("operator", () -> true, () -> false))
                .isEqualTo(CertificateIssuer.OPERATOR);
        assertThat(CertificateIssuer.of("cert-manager", () -> false, () -> true))
                .isEqualTo(CertificateIssuer.CERT_MANAGER);
    }
}
