package io.dolphincluster.operator.tls;

import io.dolphincluster.operator.model.TlsSpec;
import java.util.function.BooleanSupplier;

/**
 * Who issues a cluster's certificates. {@code spec.tls.issuer} names one, or {@code auto} lets the
 * cluster decide: cert-manager where its Issuer and Certificate CRDs are served, except for a
 * cluster whose CA the operator already made (its {@code <name>-ca} Secret holds {@code ca.key}),
 * which keeps it, so installing cert-manager later does not swap a running cluster's CA.
 */
public enum CertificateIssuer {
    OPERATOR,
    CERT_MANAGER;

    /**
     * @param asked {@code spec.tls.issuer} ({@code null} is {@code auto})
     * @param certManagerServed whether cert-manager's CRDs are served (asked only for auto)
     * @param operatorCaExists whether the operator made this cluster's CA (asked only for auto)
     */
    public static CertificateIssuer of(
            String asked, BooleanSupplier certManagerServed, BooleanSupplier operatorCaExists) {
        if (TlsSpec.ISSUER_OPERATOR.equals(asked)) return OPERATOR;
        if (TlsSpec.ISSUER_CERT_MANAGER.equals(asked)) return CERT_MANAGER;
        return certManagerServed.getAsBoolean() && !operatorCaExists.getAsBoolean()
                ? CERT_MANAGER
                : OPERATOR;
    }
}
