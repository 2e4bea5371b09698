package io.dolphincluster.operator.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * JSON over HTTP to the runtime's controllers, every call bounded by a timeout. Redirects are not
 * followed: the operator sends leader-only requests to the leader itself. A controller that does not
 * answer is an empty result or status 0, never an exception: the operator asks again next reconcile.
 */
final class RuntimeHttp {
  static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http;
  private final Duration timeout;

  RuntimeHttp(Duration timeout) {
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout)
        .followRedirects(HttpClient.Redirect.NEVER).build();
  }

  /** GET: the JSON body of a 200 answer, else empty. */
  Optional<JsonNode> get(URI base, String path) {
    HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).timeout(timeout).GET().build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 ? Optional.of(JSON.readTree(response.body())) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /** A request that changes something, waiting up to {@code patience} (a membership change catches a peer up). */
  AdminReply send(String method, URI base, String path, Object body, AdminCredentials credentials,
      Duration patience) {
    try {
      HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
          : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body));
      HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(patience)
          .header("Content-Type", "application/json")
          .method(method, publisher);
      if (credentials != null) {
        request.header("Authorization", credentials.authorizationHeader());
      }
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new AdminReply(response.statusCode(), message(response.body()));
    } catch (IOException e) {
      return new AdminReply(0, "no answer from " + base.getHost() + ": " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new AdminReply(0, "interrupted");
    }
  }

  private static String message(String body) {
    try {
      JsonNode json = JSON.readTree(body);
      for (String field : new String[] {"error", "message"}) {
        if (json.hasNonNull(field)) {
          return json.get(field).asText();
        }
      }
      return body;
    } catch (IOException e) {
      return body;
    }
  }
}
