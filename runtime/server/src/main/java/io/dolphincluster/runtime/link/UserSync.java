package io.dolphincluster.runtime.link;

import com.fasterxml.jackson.databind.JsonNode;
import io.dolphincluster.adminapi.AdminRoutes;
import io.dolphincluster.runtime.auth.Role;
import io.dolphincluster.runtime.auth.UserStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps a node's {@link UserStore} equal to the users in the controllers' metadata ({@code GET
 * /api/internal/users}, which only member nodes may read), so a datanode or an agent checks a
 * user's password and role itself.
 */
public final class UserSync {
    private final ControllerLink link;
    private final UserStore users;

    public UserSync(ControllerLink link, UserStore users) {
        this.link = link;
        this.users = users;
    }

    /**
     * Fetches the users and replaces the store's; an {@link IOException} when the leader does not
     * answer them.
     */
    public void refresh() throws IOException, InterruptedException {
        ControllerLink.Answer answer = link.get(AdminRoutes.INTERNAL_USERS.path());
        if (!answer.ok()) throw new IOException("users: " + answer.status() + " " + answer.error());
        List<UserStore.StoredUser> all = new ArrayList<>();
        for (JsonNode user : answer.body().path("users")) {
            Role role = "admin".equals(user.path("role").asText()) ? Role.ADMIN : Role.READER;
            all.add(
                    new UserStore.StoredUser(
                            user.path("name").asText(), user.path("passwordHash").asText(), role));
        }
        users.replaceUsers(all);
    }
}
