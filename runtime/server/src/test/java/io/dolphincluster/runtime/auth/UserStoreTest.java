package io.dolphincluster.runtime.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dolphincluster.protocol.auth.ClusterCredential;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    void usersHaveRolesAndARememberedPasswordIsForgottenWithItsHash() {
        users.replaceUsers(
                List.of(
                        new UserStore.StoredUser("admin", PasswordHash.hash("a"), Role.ADMIN),
                        new UserStore.StoredUser("alice", PasswordHash.hash("b"), Role.READER)));
        assertThat(users.authenticate("admin", "a")).contains(Role.ADMIN);
        assertThat(users.authenticate("admin", "a")).as("remembered").contains(Role.ADMIN);
        assertThat(users.login("alice", "b")).contains(Principal.user("alice", Role.READER));
        users.put("admin", PasswordHash.hash("c"), Role.ADMIN);
        assertThat(users.authenticate("admin", "a"))
                .as("the old password, after a change")
                .isEmpty();
        assertThat(users.authenticate("admin", "c")).contains(Role.ADMIN);
    }

    @Test
    void aStoreBackedByTheMetadataReadsItAndCannotBeChanged() {
        String hash = PasswordHash.hash("pw");
        UserStore backed =
                UserStore.backedBy(
                        name ->
                                name.equals("bob")
                                        ? Optional.of(
                                                new UserStore.StoredUser("bob", hash, Role.READER))
                                        : Optional.empty());
        assertThat(backed.authenticate("bob", "pw")).contains(Role.READER);
        assertThat(backed.authenticate("eve", "pw")).isEmpty();
        assertThatThrownBy(() -> backed.put("eve", hash))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void theInternalUserNeedsAFreshMemberTokenForThisNodeAndCannotBeShadowed() {
        ClusterCredential credential = ClusterCredential.of(ClusterCredential.generateSecret());
        users.put(InternalUserAuthenticator.INTERNAL_USER, PasswordHash.hash("guess"));
        users.put("alice", PasswordHash.hash("pw"));
        Authenticator auth =
                new InternalUserAuthenticator(
                        new MemberVerifier("datanode2", credential), "datanode2", users);

        String token = InternalUserAuthenticator.loginToken(credential, "datanode1", "datanode2");
        assertThat(auth.login("__internal", token)).contains(Principal.node("datanode1"));
        assertThat(auth.check("__internal", token)).as("the same token again").isFalse();
        assertThat(
                        auth.check(
                                "__internal",
                                InternalUserAuthenticator.loginToken(
                                        credential, "datanode1", "datanode3")))
                .as("a token made for another node")
                .isFalse();
        assertThat(auth.check("__internal", "guess")).isFalse();
        assertThat(auth.login("alice", "pw")).contains(Principal.user("alice", Role.READER));
        assertThat(auth.check("alice", token)).isFalse();
    }
}
