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
 * The controllers' Raft group through their HTTP admin API (the runtime's contract): who leads, who is
 * a member, whether a new controller waits to be added; and the membership changes, each a
 * compare-and-set against the members the operator saw.
 */
public class ControllerAdminClient {
  /** A membership change returns once Raft committed it, after catching the new peer up. */
  private static final Duration MEMBERSHIP_PATIENCE = Duration.ofSeconds(60);

  private final RuntimeHttp http;

  public ControllerAdminClient(Duration timeout) {
    this.http = new RuntimeHttp(timeout);
  }

  /** GET /api/leader: the leader's alias, or empty when there is none (503) or no answer. */
  public Optional<String> leader(URI controller) {
    return http.get(controller, "/api/leader")
        .map(body -> body.path("alias").asText(null))
        .filter(alias -> !alias.isEmpty());
  }

  /** GET /api/admin/members: aliases of the Raft group's members, empty when no answer. */
  public Optional<List<String>> members(URI controller) {
    return http.get(controller, "/api/admin/members").map(body -> aliases(body.path("members")));
  }

  /** GET /api/raft: true when the controller runs with no group, waiting for the leader to add it. */
  public boolean waitingToJoin(URI controller) {
    return http.get(controller, "/api/raft")
        .filter(status -> "RUNNING".equals(status.path("phase").asText()))
        .map(status -> status.path("members").isEmpty())
        .orElse(false);
  }

  public AdminReply addMember(URI leader, String alias, String hostPort, List<String> expectedMembers,
      AdminCredentials credentials) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("alias", alias);
    body.put("site", hostPort);
    body.put("expectedMembers", expectedMembers);
    return http.send("POST", leader, "/api/admin/members", body, credentials, MEMBERSHIP_PATIENCE);
  }

  public AdminReply removeMember(URI leader, String alias, List<String> expectedMembers,
      AdminCredentials credentials) {
    String path = "/api/admin/members/" + alias + "?expectedMembers="
        + URLEncoder.encode(String.join(",", expectedMembers), StandardCharsets.UTF_8);
    return http.send("DELETE", leader, path, null, credentials, MEMBERSHIP_PATIENCE);
  }

  public AdminReply transferLeadership(URI leader, String alias, AdminCredentials credentials) {
    return http.send("POST", leader, "/api/admin/leader", Map.of("alias", alias), credentials, MEMBERSHIP_PATIENCE);
  }

  private static List<String> aliases(JsonNode members) {
    List<String> aliases = new ArrayList<>();
    members.forEach(member -> aliases.add(member.path("alias").asText()));
    return aliases;
  }
}
