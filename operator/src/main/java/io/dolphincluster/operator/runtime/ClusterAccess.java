package io.dolphincluster.operator.runtime;

import io.dolphincluster.protocol.auth.ClusterCredential;
import java.net.URI;
import java.util.Objects;

/**
 * How the operator proves to one cluster's controllers that it is a member: every request is signed
 * with that cluster's credential (the Secret it created and mounted into every pod), as node
 * {@value #NODE}. The runtime lets a member do what an admin may, whatever the admin user's
 * password is now. {@link #toString()} shows no secret.
 */
public record ClusterAccess(ClusterCredential credential) {
    public static final String NODE = "operator";

    public ClusterAccess {
        Objects.requireNonNull(credential, "credential");
    }

    /** The {@code Authorization} header of one request. */
    String authorization(String method, URI url, byte[] body) {
        return credential.httpAuthorization(NODE, method, url, body);
    }

    @Override
    public String toString() {
        return "ClusterAccess[member " + NODE + "]";
    }
}
