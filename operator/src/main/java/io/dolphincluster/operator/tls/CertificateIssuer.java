package io.dolphincluster.operator.tls;

import io.dolphincluster.operator.model.TlsSpec;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Who issues a cluster's certificates. {@code spec.tls.issuer} names one, or {@code auto} lets the
 * cluster decide: a cluster keeps whoever made its CA (the operator's {@code <name>-ca} Secret
 * holds {@code ca.key}, cert-manager's does not), so installing or removing cert-manager never
 * swaps a running cluster's CA; a cluster without a CA yet gets cert-manager where its Issuer and
 * Certificate CRDs are served, else the operator.
 */
public enum CertificateIssuer {
    OPERATOR,
    CERT_MANAGER;

    /**
     * @param asked {@code spec.tls.issuer} ({@code null} is {@code auto})
     * @param caMadeBy who made the cluster's CA Secret, empty when there is none (asked only for
     *     auto)
     * @param certManagerServed whether cert-manager's CRDs are served (asked only for auto, and
     *     only when there is no CA yet)
     */
    public static CertificateIssuer of(
            String asked,
            Supplier<Optional<CertificateIssuer>> caMadeBy,
            BooleanSupplier certManagerServed) {
        if (TlsSpec.ISSUER_OPERATOR.equals(asked)) return OPERATOR;
        if (TlsSpec.ISSUER_CERT_MANAGER.equals(asked)) return CERT_MANAGER;
        return caMadeBy.get()
                .orElseGet(() -> certManagerServed.getAsBoolean() ? CERT_MANAGER : OPERATOR);
    }
}
