package io.dolphincluster.runtime.testkit;

import io.dolphincluster.protocol.auth.ClusterCredential;
import io.dolphincluster.runtime.auth.BasicCredentials;
import java.net.URI;

/**
 * What a test client sends as {@code Authorization}: nothing, a user's HTTP Basic, or a member
 * token.
 */
@FunctionalInterface
public interface Credentials {
    /** The seed's admin user. */
    Credentials ADMIN = basic("admin", "123456");

    /** The header for this request, or null for none. */
    String authorization(String method, URI url, byte[] body);

    static Credentials none() {
        return (method, url, body) -> null;
    }

    static Credentials basic(String user, String password) {
        String header = new BasicCredentials(user, password).header();
        return (method, url, body) -> header;
    }

    /**
     * Signed as member node {@code node} with the cluster's credential: what the processes
     * themselves send.
     */
    static Credentials member(String node, ClusterCredential credential) {
        return (method, url, body) -> credential.httpAuthorization(node, method, url, body);
    }
}
