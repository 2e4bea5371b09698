package io.dolphincluster.operator.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The controllers' Raft group through their HTTP admin API (the runtime's contract): who leads, who
 * is a member, whether a new controller waits to be added; the membership changes, each a
 * compare-and-set against the members the operator saw; and the admin user's password. Every call
 * is signed as a member of the cluster ({@link ClusterAccess}).
 */
public class ControllerAdminClient {
    /** A membership change returns once Raft committed it, after catching the new peer up. */
    private static final Duration MEMBERSHIP_PATIENCE = Duration.ofSeconds(60);

    private final RuntimeHttp http;

    public ControllerAdminClient(Duration timeout) {
        this.http = new RuntimeHttp(timeout);
    }

    /** GET /api/leader: the leader's alias, or empty when there is none (503) or no answer. */
    public Optional<String> leader(URI controller, ClusterAccess access) {
        return http.get(controller, "/api/leader", access)
                .map(body -> body.path("alias").asText(null))
                .filter(alias -> !alias.isEmpty());
    }

    /** GET /api/admin/members: aliases of the Raft group's members, empty when no answer. */
    public Optional<List<String>> members(URI controller, ClusterAccess access) {
        return http.get(controller, "/api/admin/members", access)
                .map(body -> aliases(body.path("members")));
    }

    /**
     * GET /api/raft: true when the controller runs with no group, waiting for the leader to add it.
     */
    public boolean waitingToJoin(URI controller, ClusterAccess access) {
        return http.get(controller, "/api/raft", access)
                .filter(status -> "RUNNING".equals(status.path("phase").asText()))
                .map(status -> status.path("members").isEmpty())
                .orElse(false);
    }

    public AdminReply addMember(
            URI leader,
            String alias,
            String hostPort,
            List<String> expectedMembers,
            ClusterAccess access) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("alias", alias);
        body.put("site", hostPort);
        body.put("expectedMembers", expectedMembers);
        return http.send("POST", leader, "/api/admin/members", body, access, MEMBERSHIP_PATIENCE);
    }

    public AdminReply removeMember(
            URI leader, String alias, List<String> expectedMembers, ClusterAccess access) {
        String path =
                "/api/admin/members/"
                        + alias
                        + "?expectedMembers="
                        + URLEncoder.encode(
                                String.join(",", expectedMembers), StandardCharsets.UTF_8);
        return http.send("DELETE", leader, path, null, access, MEMBERSHIP_PATIENCE);
    }

    public AdminReply transferLeadership(URI leader, String alias, ClusterAccess access) {
        return http.send(
                "POST",
                leader,
                "/api/admin/leader",
                Map.of("alias", alias),
                access,
                MEMBERSHIP_PATIENCE);
    }

    /**
     * Whether the admin user's password is {@code password} ({@code GET /api/admin/login} with it):
     * true for 200, false for 401, empty when the controller gave no clear answer. Sent over {@code
     * access}'s transport (HTTPS trusting the cluster's CA), not signed.
     */
    public Optional<Boolean> adminPasswordIs(
            URI controller, String password, ClusterAccess access) {
        String basic =
                "Basic "
                        + java.util.Base64.getEncoder()
                                .encodeToString(
                                        ("admin:" + password).getBytes(StandardCharsets.UTF_8));
        int status = http.status(controller, "/api/admin/login", basic, access);
        return status == 200
                ? Optional.of(true)
                : status == 401 ? Optional.of(false) : Optional.empty();
    }

    /** PUT /api/users/admin as a member: sets the admin user's password (and keeps it an admin). */
    public AdminReply setAdminPassword(URI leader, String password, ClusterAccess access) {
        return http.send(
                "PUT",
                leader,
                "/api/users/admin",
                Map.of("password", password, "role", "admin"),
                access,
                MEMBERSHIP_PATIENCE);
    }

    private static List<String> aliases(JsonNode members) {
        List<String> aliases = new ArrayList<>();
        members.forEach(member -> aliases.add(member.path("alias").asText()));
        return aliases;
    }
}
