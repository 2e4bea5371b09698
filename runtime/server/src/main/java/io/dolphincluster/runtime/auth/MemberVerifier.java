package io.dolphincluster.runtime.auth;

import io.dolphincluster.protocol.auth.ClusterCredential;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks the member tokens other processes send ({@link ClusterCredential}): signed with this
 * cluster's secret, for this purpose, fresh, and never seen before by this process. Thread-safe.
 */
public final class MemberVerifier {
    private final ClusterCredential credential;
    private final ReplayGuard replays;

    /**
     * @param alias this process's node, for its log lines
     */
    public MemberVerifier(String alias, ClusterCredential credential) {
        this.credential = Objects.requireNonNull(credential, "credential");
        this.replays = new ReplayGuard(alias);
    }

    /**
     * The name of the member that made {@code token} for {@code purpose}, or empty when it is not a
     * good, fresh, first-used token.
     */
    public Optional<String> verify(String token, String purpose) {
        long now = System.currentTimeMillis();
        return credential
                .verify(token, purpose, now)
                .filter(t -> replays.firstUse(t.nonce(), now))
                .map(ClusterCredential.Token::node);
    }
}
