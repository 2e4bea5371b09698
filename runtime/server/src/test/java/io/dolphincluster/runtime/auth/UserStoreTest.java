package io.dolphincluster.runtime.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class UserStoreTest {
    private final UserStore users = new UserStore();

    @Test
    void checksStoredUsersAndRefusesUnknownOnes() {
        users.replaceAll(Map.of("admin", PasswordHash.hash("123456")));
        assertThat(users.check("admin", "123456")).isTrue();
        assertThat(users.check("admin", "wrong")).isFalse();
        assertThat(users.check("nobody", "123456")).isFalse();
        users.remove("admin");
        assertThat(users.check("admin", "123456")).isFalse();
    }

    @Test
    void theInternalUserNeedsTheClusterSecretAndCannotBeShadowed() {
        users.put(InternalUserAuthenticator.INTERNAL_USER, PasswordHash.hash("guess"));
        users.put("alice", PasswordHash.hash("pw"));
        Authenticator auth = new InternalUserAuthenticator("s3cret", users);
        assertThat(auth.check("__internal", "s3cret")).isTrue();
        assertThat(auth.check("__internal", "guess")).isFalse();
        assertThat(auth.check("alice", "pw")).isTrue();
        assertThat(auth.check("alice", "s3cret")).isFalse();
    }
}
