package io.dolphincluster.operator.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A small client for one controller's HTTP admin API (the runtime's contract). Every call is
 * bounded by a short timeout, and a controller that does not answer is reported as an empty
 * result, never as an exception: the operator asks again on its next reconcile.
 */
public class ControllerAdminClient {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http;
  private final Duration timeout;

  public ControllerAdminClient(Duration timeout) {
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout)
        .followRedirects(HttpClient.Redirect.NEVER).build();
  }

  /** GET /api/leader: the leader's alias, or empty when there is none (503) or no answer. */
  public Optional<String> leader(URI controller) {
    return get(controller, "/api/leader")
        .map(body -> body.path("alias").asText(null))
        .filter(alias -> !alias.isEmpty());
  }

  /** GET /api/admin/members: aliases of the Raft group's members, empty when no answer. */
  public Optional<List<String>> members(URI controller) {
    return get(controller, "/api/admin/members").map(body -> {
      List<String> aliases = new ArrayList<>();
      body.path("members").forEach(member -> aliases.add(member.path("alias").asText()));
      return aliases;
    });
  }

  private Optional<JsonNode> get(URI controller, String path) {
    HttpRequest request = HttpRequest.newBuilder(controller.resolve(path)).timeout(timeout).GET().build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        return Optional.empty();
      }
      return Optional.of(JSON.readTree(response.body()));
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
