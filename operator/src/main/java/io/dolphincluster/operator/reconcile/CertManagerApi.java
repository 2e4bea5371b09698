package io.dolphincluster.operator.reconcile;

import io.dolphincluster.operator.desired.CertManagerDesired;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/**
 * Whether the API server serves cert-manager's Issuer and Certificate (its CRDs are installed),
 * asked through discovery at most every {@link #REFRESH} and again at once after {@link #forget()}
 * (a call about cert-manager's resources failed: perhaps the CRDs went). Reconciles of clusters
 * that do not use cert-manager ask nothing.
 */
final class CertManagerApi {
    /** How long an answer is kept: installing cert-manager is seen within this time. */
    static final Duration REFRESH = Duration.ofMinutes(3);

    private final BooleanSupplier discovery;
    private final Clock clock;
    private Boolean served;
    private Instant askedAt;

    CertManagerApi(BooleanSupplier discovery, Clock clock) {
        this.discovery = discovery;
        this.clock = clock;
    }

    static CertManagerApi of(KubernetesClient client, Clock clock) {
        return new CertManagerApi(
                () ->
                        client.supports(CertManagerDesired.API_VERSION, CertManagerDesired.ISSUER)
                                && client.supports(
                                        CertManagerDesired.API_VERSION,
                                        CertManagerDesired.CERTIFICATE),
                clock);
    }

    synchronized boolean served() {
        Instant now = clock.instant();
        if (served == null || !now.isBefore(askedAt.plus(REFRESH))) {
            served = discovery.getAsBoolean();
            askedAt = now;
        }
        return served;
    }

    /** The next {@link #served()} asks the API server again. */
    synchronized void forget() {
        served = null;
    }
}
