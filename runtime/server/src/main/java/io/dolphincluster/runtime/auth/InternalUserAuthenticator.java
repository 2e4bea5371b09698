package io.dolphincluster.runtime.auth;

import io.dolphincluster.protocol.auth.ClusterCredential;
import java.util.Objects;
import java.util.Optional;

/**
 * The data port's logins: the built-in user {@value #INTERNAL_USER} is a member node, whose
 * password must be a member token made for a login to this very node ({@link
 * ClusterCredential#loginPurpose}), fresh and never used before; every other user is checked
 * against {@code users}. The internal user is never looked up in {@code users}, so no stored user
 * can take its name.
 */
public final class InternalUserAuthenticator implements Authenticator {
    public static final String INTERNAL_USER = "__internal";

    private final MemberVerifier members;
    private final String purpose;
    private final UserStore users;

    /**
     * @param self this node's alias: tokens made for a login to another node are refused
     */
    public InternalUserAuthenticator(MemberVerifier members, String self, UserStore users) {
        this.members = Objects.requireNonNull(members, "members");
        this.purpose = ClusterCredential.loginPurpose(self);
        this.users = Objects.requireNonNull(users, "users");
    }

    /** The password {@code node} logs in to {@code target} with: a fresh member token. */
    public static String loginToken(ClusterCredential credential, String node, String target) {
        return credential.sign(node, ClusterCredential.loginPurpose(target));
    }

    @Override
    public boolean check(String user, String password) {
        return login(user, password).isPresent();
    }

    @Override
    public Optional<Principal> login(String user, String password) {
        if (INTERNAL_USER.equals(user))
            return members.verify(password, purpose).map(Principal::node);
        return users.login(user, password);
    }
}
