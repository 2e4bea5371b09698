package io.dolphincluster.operator.runtime;

import io.dolphincluster.adminapi.AddMember;
import io.dolphincluster.adminapi.AdminRoutes;
import io.dolphincluster.adminapi.Endpoint;
import io.dolphincluster.adminapi.LeaderAnswer;
import io.dolphincluster.adminapi.Members;
import io.dolphincluster.adminapi.RaftStatus;
import io.dolphincluster.adminapi.TransferLeadership;
import io.dolphincluster.adminapi.UserSetting;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
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
        return http.get(controller, AdminRoutes.LEADER.path(), access, LeaderAnswer.class)
                .map(LeaderAnswer::alias)
                .filter(alias -> !alias.isEmpty());
    }

    /** GET /api/admin/members: aliases of the Raft group's members, empty when no answer. */
    public Optional<List<String>> members(URI controller, ClusterAccess access) {
        return http.get(controller, AdminRoutes.MEMBERS.path(), access, Members.class)
                .map(Members::aliases);
    }

    /**
     * GET /api/raft of a controller the leader's group does not list: whether it waits for the
     * leader to add it (also after an add that did not commit: {@link
     * RaftStatus#waitingToBeAdded}), and if not, why not.
     */
    public JoinState joinState(URI controller, ClusterAccess access) {
        return http.get(controller, AdminRoutes.RAFT.path(), access, RaftStatus.class)
                .map(ControllerAdminClient::joinState)
                .orElse(JoinState.NO_ANSWER);
    }

    private static JoinState joinState(RaftStatus status) {
        if (status.waitingToBeAdded()) return JoinState.WAITING_TO_BE_ADDED;
        if (RaftStatus.RUNNING.equals(status.phase())) return JoinState.MEMBER_ELSEWHERE;
        return JoinState.STARTING;
    }

    public AdminReply addMember(
            URI leader,
            String alias,
            String hostPort,
            List<String> expectedMembers,
            ClusterAccess access) {
        return send(
                AdminRoutes.ADD_MEMBER,
                leader,
                AdminRoutes.ADD_MEMBER.path(),
                new AddMember(alias, hostPort, expectedMembers),
                access);
    }

    public AdminReply removeMember(
            URI leader, String alias, List<String> expectedMembers, ClusterAccess access) {
        String path =
                AdminRoutes.REMOVE_MEMBER.pathWithQuery(
                        "expectedMembers", String.join(",", expectedMembers), alias);
        return send(AdminRoutes.REMOVE_MEMBER, leader, path, null, access);
    }

    public AdminReply transferLeadership(URI leader, String alias, ClusterAccess access) {
        return send(
                AdminRoutes.TRANSFER_LEADERSHIP,
                leader,
                AdminRoutes.TRANSFER_LEADERSHIP.path(),
                new TransferLeadership(alias),
                access);
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
        int status = http.status(controller, AdminRoutes.LOGIN.path(), basic, access);
        return status == 200
                ? Optional.of(true)
                : status == 401 ? Optional.of(false) : Optional.empty();
    }

    /** PUT /api/users/admin as a member: sets the admin user's password (and keeps it an admin). */
    public AdminReply setAdminPassword(URI leader, String password, ClusterAccess access) {
        return send(
                AdminRoutes.SET_USER,
                leader,
                AdminRoutes.SET_USER.path("admin"),
                new UserSetting(password, "admin"),
                access);
    }

    private AdminReply send(
            Endpoint endpoint, URI leader, String path, Object body, ClusterAccess access) {
        return http.send(endpoint.method(), leader, path, body, access, MEMBERSHIP_PATIENCE);
    }
}
