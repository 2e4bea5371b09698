package io.dolphincluster.runtime.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dolphincluster.adminapi.AddMember;
import io.dolphincluster.adminapi.AdminRoutes;
import io.dolphincluster.adminapi.ConfigValue;
import io.dolphincluster.adminapi.Endpoint;
import io.dolphincluster.adminapi.TransferLeadership;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A test client of one process's HTTP API (a controller's, an agent's, a datanode's), sending the
 * {@link Credentials} it was made with on every request. Calls that fail to connect return status
 * 0.
 */
public final class AdminClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient PLAIN =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);

    /**
     * A response: its status (0 when nothing answered), its JSON body, and its Location header if
     * any.
     */
    public record Response(int status, JsonNode body, String location) {
        public boolean ok() {
            return status == 200;
        }
    }

    private final String baseUrl;
    private final Credentials credentials;
    private final HttpClient http;

    public AdminClient(String baseUrl, Credentials credentials) {
        this(baseUrl, credentials, PLAIN);
    }

    /**
     * @param http the client to send with: for {@code https} URLs, one that trusts the cluster CA
     */
    public AdminClient(String baseUrl, Credentials credentials, HttpClient http) {
        this.baseUrl = baseUrl;
        this.credentials = credentials;
        this.http = http;
    }

    /** The same API with other credentials. */
    public AdminClient as(Credentials other) {
        return new AdminClient(baseUrl, other, http);
    }

    public Response get(String path) {
        return exchange("GET", baseUrl + path, null);
    }

    /** Sends without following redirects. */
    public Response send(String method, String path, Object body) {
        return exchange(method, baseUrl + path, body);
    }

    /** Sends a write, following the 307 redirects of followers to the leader (at most 3). */
    public Response write(String method, String path, Object body) {
        Response response = exchange(method, baseUrl + path, body);
        for (int hops = 0;
                hops < 3 && response.status() == 307 && response.location() != null;
                hops++) {
            response = exchange(method, response.location(), body);
        }
        return response;
    }

    /**
     * Sends {@code body} to the admin API's {@code endpoint} with its path parameters {@code
     * params}, following redirects to the leader like {@link #write(String, String, Object)}.
     */
    public Response write(Endpoint endpoint, Object body, String... params) {
        return write(endpoint.method(), endpoint.path(params), body);
    }

    /** {@code getActiveMaster()}: the leader's alias as this controller knows it. */
    public Optional<String> leader() {
        Response response = get(AdminRoutes.LEADER.path());
        return response.ok()
                ? Optional.of(response.body().get("alias").asText())
                : Optional.empty();
    }

    public JsonNode raft() {
        Response response = get(AdminRoutes.RAFT.path());
        if (!response.ok())
            throw new IllegalStateException(
                    baseUrl + AdminRoutes.RAFT.path() + " answered " + response.status());
        return response.body();
    }

    public Response putConfig(String key, String value) {
        return write(AdminRoutes.SET_CONFIG, new ConfigValue(value), key);
    }

    public Map<String, String> config() {
        Response response = get(AdminRoutes.CONFIG.path());
        if (!response.ok())
            throw new IllegalStateException(
                    baseUrl + AdminRoutes.CONFIG.path() + " answered " + response.status());
        return JSON.convertValue(
                response.body(),
                JSON.getTypeFactory().constructMapType(Map.class, String.class, String.class));
    }

    public Response addMember(String alias, String site, List<String> expectedMembers) {
        return write(AdminRoutes.ADD_MEMBER, new AddMember(alias, site, expectedMembers));
    }

    public Response removeMember(String alias) {
        return write(AdminRoutes.REMOVE_MEMBER, null, alias);
    }

    public Response transferLeadership(String alias) {
        return write(AdminRoutes.TRANSFER_LEADERSHIP, new TransferLeadership(alias));
    }

    private Response exchange(String method, String url, Object body) {
        try {
            byte[] bytes =
                    body == null
                            ? new byte[0]
                            : body instanceof byte[] raw ? raw : JSON.writeValueAsBytes(body);
            HttpRequest.BodyPublisher publisher =
                    body == null
                            ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(bytes);
            URI uri = URI.create(url);
            HttpRequest.Builder builder =
                    HttpRequest.newBuilder(uri)
                            .timeout(REQUEST_TIMEOUT)
                            .header("Content-Type", "application/json")
                            .method(method, publisher);
            String authorization = credentials.authorization(method, uri, bytes);
            if (authorization != null) builder.header("Authorization", authorization);
            HttpRequest request = builder.build();
            HttpResponse<byte[]> response =
                    http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            JsonNode json;
            try {
                json =
                        response.body().length == 0
                                ? JSON.nullNode()
                                : JSON.readTree(response.body());
            } catch (IOException notJson) {
                json =
                        JSON.getNodeFactory()
                                .textNode(
                                        new String(
                                                response.body(),
                                                java.nio.charset.StandardCharsets.UTF_8));
            }
            return new Response(
                    response.statusCode(),
                    json,
                    response.headers().firstValue("Location").orElse(null));
        } catch (IOException e) {
            return new Response(0, JSON.nullNode(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted", e));
        }
    }
}
