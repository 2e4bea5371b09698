package io.dolphincluster.operator.runtime;

import io.dolphincluster.protocol.auth.ClusterCredential;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.Objects;
import java.util.Optional;

/**
 * How the operator reaches one cluster's controllers: every request is signed with that cluster's
 * credential (the Secret it created and mounted into every pod), as node {@value #NODE}, and, when
 * the cluster speaks TLS, sent over HTTPS trusting only the cluster's CA ({@code ca}, null for
 * plain HTTP), with the controller's host name checked. The runtime lets a member do what an admin
 * may, whatever the admin user's password is now. {@link #toString()} shows no secret.
 */
public record ClusterAccess(ClusterCredential credential, X509Certificate ca) {
    public static final String NODE = "operator";

    public ClusterAccess {
        Objects.requireNonNull(credential, "credential");
    }

    /** Plain HTTP. */
    public ClusterAccess(ClusterCredential credential) {
        this(credential, null);
    }

    /** The same credential, over HTTPS trusting {@code clusterCa}. */
    public ClusterAccess trusting(X509Certificate clusterCa) {
        return new ClusterAccess(credential, Objects.requireNonNull(clusterCa, "clusterCa"));
    }

    /** The CA the controllers' certificates are checked against; empty for plain HTTP. */
    public Optional<X509Certificate> trustedCa() {
        return Optional.ofNullable(ca);
    }

    /** {@code https} when a CA is trusted, else {@code http}. */
    public String scheme() {
        return ca == null ? "http" : "https";
    }

    /** The {@code Authorization} header of one request. */
    String authorization(String method, URI url, byte[] body) {
        return credential.httpAuthorization(NODE, method, url, body);
    }

    @Override
    public String toString() {
        return "ClusterAccess[member " + NODE + (ca == null ? "" : ", TLS") + "]";
    }
}
