package io.dolphincluster.operator.tls;

import static io.dolphincluster.operator.tls.CertificateIssuer.CERT_MANAGER;
import static io.dolphincluster.operator.tls.CertificateIssuer.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class CertificateIssuerTest {
    private static final Supplier<Optional<CertificateIssuer>> NO_CA = Optional::empty;
    private static final BooleanSupplier NEVER_ASKED =
            () -> {
                throw new AssertionError("discovery asked");
            };

    @Test
    void autoGivesANewClusterCertManagerWhereItsCrdsAreServed() {
        assertThat(CertificateIssuer.of("auto", NO_CA, () -> true)).isEqualTo(CERT_MANAGER);
        assertThat(CertificateIssuer.of("auto", NO_CA, () -> false)).isEqualTo(OPERATOR);
        assertThat(CertificateIssuer.of(null, NO_CA, () -> true))
                .as("an older resource without the field")
                .isEqualTo(CERT_MANAGER);
    }

    @Test
    void autoKeepsWhoeverMadeTheClustersCaWithoutAskingDiscovery() {
        assertThat(CertificateIssuer.of("auto", () -> Optional.of(OPERATOR), NEVER_ASKED))
                .as("cert-manager installed later does not swap the operator's CA")
                .isEqualTo(OPERATOR);
        assertThat(CertificateIssuer.of("auto", () -> Optional.of(CERT_MANAGER), NEVER_ASKED))
                .as("cert-manager's CRDs gone: its Secrets are still the cluster's")
                .isEqualTo(CERT_MANAGER);
    }

    @Test
    void anExplicitIssuerIsUsedWithoutReadingAnything() {
        Supplier<Optional<CertificateIssuer>> unread =
                () -> {
                    throw new AssertionError("CA Secret read");
                };
        assertThat(CertificateIssuer.of("operator", unread, NEVER_ASKED)).isEqualTo(OPERATOR);
        assertThat(CertificateIssuer.of("cert-manager", unread, NEVER_ASKED))
                .isEqualTo(CERT_MANAGER);
    }
}
