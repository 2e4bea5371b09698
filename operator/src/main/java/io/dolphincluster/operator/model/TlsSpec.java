package io.dolphincluster.operator.model;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;

/** TLS on every port of the cluster's pods, with certificates the operator issues and rotates. */
public class TlsSpec {
    /** Who issues: cert-manager where its CRDs are installed, else the operator. */
    public static final String ISSUER_AUTO = "auto";

    /** The operator, with its own CA per cluster. */
    public static final String ISSUER_OPERATOR = "operator";

    /** cert-manager, through Issuer and Certificate resources the operator creates. */
    public static final String ISSUER_CERT_MANAGER = "cert-manager";

    @JsonPropertyDescription(
            "Whether the pods speak TLS only (enableHTTPS=true). Changing it restarts every pod.")
    @Default("true")
    private boolean enabled = true;

    @JsonPropertyDescription(
            "Who issues the certificates: 'operator' (its own CA in the Secret <name>-ca), "
                    + "'cert-manager' (Issuer and Certificate resources of cert-manager.io/v1, which "
                    + "must be installed), or 'auto' (cert-manager when its CRDs are installed, unless "
                    + "the operator already made this cluster's CA). The pods read the same Secrets "
                    + "either way.")
    @Default(ISSUER_AUTO)
    @Pattern("^(auto|operator|cert-manager)$")
    private String issuer = ISSUER_AUTO;

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getIssuer() {
        return issuer;
    }

    public void setIssuer(String issuer) {
        this.issuer = issuer;
    }
}
