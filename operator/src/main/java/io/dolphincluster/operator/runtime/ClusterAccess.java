package io.dolphincluster.operator.runtime;

import io.dolphincluster.protocol.auth.ClusterCredential;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How the operator reaches one cluster's controllers: every request is signed with that cluster's
 * credential (the Secret it created and mounted into every pod), as node {@value #NODE}, and, when
 * the cluster speaks TLS, sent over HTTPS trusting only the cluster's CAs ({@code cas}: its CA, or
 * during a CA rotation the new and the old; empty for plain HTTP), with the controller's host name
 * checked. The runtime lets a member do what an admin may, whatever the admin user's password is
 * now. {@link #toString()} shows no secret.
 */
public record ClusterAccess(ClusterCredential credential, List<X509Certificate> cas) {
    public static final String NODE = "operator";

    public ClusterAccess {
        Objects.requireNonNull(credential, "credential");
        cas = List.copyOf(cas);
    }

    /** Plain HTTP. */
    public ClusterAccess(ClusterCredential credential) {
        this(credential, List.of());
    }

    /** The same credential, over HTTPS trusting each of {@code clusterCas} (at least one). */
    public ClusterAccess trusting(List<X509Certificate> clusterCas) {
        if (clusterCas.isEmpty()) {
            throw new IllegalArgumentException("HTTPS needs a CA to trust");
        }
        return new ClusterAccess(credential, clusterCas);
    }

    /** The CAs the controllers' certificates are checked against; empty for plain HTTP. */
    public Optional<List<X509Certificate>> trustedCas() {
        return cas.isEmpty() ? Optional.empty() : Optional.of(cas);
    }

    /** {@code https} when a CA is trusted, else {@code http}. */
    public String scheme() {
        return cas.isEmpty() ? "http" : "https";
    }

    /** The {@code Authorization} header of one request. */
    String authorization(String method, URI url, byte[] body) {
        return credential.httpAuthorization(NODE, method, url, body);
    }

    @Override
    public String toString() {
        return "ClusterAccess[member " + NODE + (cas.isEmpty() ? "" : ", TLS") + "]";
    }
}
