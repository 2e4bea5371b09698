package io.dolphincluster.operator.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.dolphincluster.pki.CertificateAuthority;
import io.dolphincluster.pki.SubjectNames;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CertificateRenewalTest {
    private static final Instant ISSUED = Instant.parse("2026-01-01T00:00:00Z");
    private static final SubjectNames NAMES =
            new SubjectNames(
                    List.of("*.demo-controller.db.svc", "localhost"), List.of("127.0.0.1"));
    private final CertificateAuthority ca =
            CertificateAuthority.create("DolphinCluster CA demo", ISSUED);
    private final X509Certificate cert =
            ca.issue(NAMES, ISSUED, CertificateRenewal.VALIDITY).certificate();

    private Optional<String> reasonAt(Clock clock, Optional<X509Certificate> current) {
        return CertificateRenewal.reason(current, ca.certificate(), NAMES, clock.instant());
    }

    private static Clock at(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }

    @Test
    void aCertificateIsKeptUntilAThirdOfItsValidityRemains() {
        // valid from ISSUED - 1 h (back-dated) to ISSUED + 90 days: 90 days and 1 hour in all
        Duration validity = CertificateRenewal.VALIDITY.plus(CertificateAuthority.BACKDATE);
        Instant renewAt = ISSUED.plus(CertificateRenewal.VALIDITY).minus(validity.dividedBy(3));

        assertThat(reasonAt(at(ISSUED), Optional.of(cert))).isEmpty();
        assertThat(reasonAt(at(ISSUED.plus(Duration.ofDays(59))), Optional.of(cert))).isEmpty();
        assertThat(reasonAt(at(renewAt.minusSeconds(1)), Optional.of(cert))).isEmpty();
        assertThat(reasonAt(at(renewAt), Optional.of(cert)))
                .hasValueSatisfying(reason -> assertThat(reason).contains("expires at"));
        assertThat(reasonAt(at(ISSUED.plus(Duration.ofDays(100))), Optional.of(cert)))
                .as("expired")
                .isPresent();
    }

    @Test
    void noCertificateOneForOtherNamesOrFromAnotherCaIsReplacedAtOnce() {
        CertificateAuthority other = CertificateAuthority.create("DolphinCluster CA demo", ISSUED);
        X509Certificate foreign =
                other.issue(NAMES, ISSUED, CertificateRenewal.VALIDITY).certificate();
        X509Certificate fewerNames =
                ca.issue(
                                new SubjectNames(List.of("localhost"), List.of()),
                                ISSUED,
                                CertificateRenewal.VALIDITY)
                        .certificate();

        assertThat(reasonAt(at(ISSUED), Optional.empty())).contains("no certificate yet");
        assertThat(reasonAt(at(ISSUED), Optional.of(foreign))).contains("signed by another CA");
        assertThat(reasonAt(at(ISSUED), Optional.of(fewerNames)))
                .hasValueSatisfying(reason -> assertThat(reason).startsWith("its names are not"));
    }

    @Test
    void aRenewalRequestRenewsOncePerValue() {
        assertThat(CertificateRenewal.requested(Optional.empty(), Optional.empty())).isEmpty();
        assertThat(CertificateRenewal.requested(Optional.empty(), Optional.of("1"))).isEmpty();
        assertThat(CertificateRenewal.requested(Optional.of("1"), Optional.empty()))
                .contains("renewal requested (1)");
        assertThat(CertificateRenewal.requested(Optional.of("1"), Optional.of("1")))
                .as("already honoured")
                .isEmpty();
        assertThat(CertificateRenewal.requested(Optional.of("2"), Optional.of("1")))
                .contains("renewal requested (2)");
    }
}
