package io.dolphincluster.operator.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * JSON over HTTP to the runtime's controllers, every call signed as a member of the cluster ({@link
 * ClusterAccess}) and bounded by a timeout. Redirects are not followed: the operator sends
 * leader-only requests to the leader itself. A controller that does not answer is an empty result
 * or status 0, never an exception: the operator asks again next reconcile. A cluster with TLS is
 * called over HTTPS trusting its CAs alone ({@link ClusterTrust}).
 */
final class RuntimeHttp {
    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final Duration timeout;

    /**
     * HTTPS clients by the cluster CAs they trust (a client's trust is fixed when it is built); the
     * least recently used goes beyond {@link #CLIENTS}, so deleted clusters' clients do not pile
     * up.
     */
    private final Map<List<X509Certificate>, HttpClient> https =
            Collections.synchronizedMap(
                    new LinkedHashMap<>(16, 0.75f, true) {
                        @Override
                        protected boolean removeEldestEntry(
                                Map.Entry<List<X509Certificate>, HttpClient> eldest) {
                            return size() > CLIENTS;
                        }
                    });

    static final int CLIENTS = 64;

    RuntimeHttp(Duration timeout) {
        this.timeout = timeout;
        this.http = builder().build();
    }

    private HttpClient.Builder builder() {
        return HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER);
    }

    /** Plain, or HTTPS trusting only the cluster's CA (and checking host names). */
    private HttpClient client(ClusterAccess access) {
        return access.trustedCas()
                .map(
                        cas ->
                                https.computeIfAbsent(
                                        cas,
                                        c ->
                                                builder()
                                                        .sslContext(ClusterTrust.sslContext(c))
                                                        .build()))
                .orElse(http);
    }

    /** GET: the JSON body of a 200 answer, else empty. */
    Optional<JsonNode> get(URI base, String path, ClusterAccess access) {
        URI url = base.resolve(path);
        AdminReply reply =
                exchange(
                        client(access),
                        "GET",
                        url,
                        null,
                        access.authorization("GET", url, new byte[0]),
                        timeout);
        if (reply.status() != 200) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readTree(reply.message()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** GET: the body of a 200 answer read as {@code type}, else empty (also when unreadable). */
    <T> Optional<T> get(URI base, String path, ClusterAccess access, Class<T> type) {
        return get(base, path, access)
                .flatMap(
                        body -> {
                            try {
                                return Optional.ofNullable(JSON.treeToValue(body, type));
                            } catch (IOException e) {
                                return Optional.empty();
                            }
                        });
    }

    /**
     * A request that changes something, waiting up to {@code patience} (a membership change catches
     * a peer up).
     */
    AdminReply send(
            String method,
            URI base,
            String path,
            Object body,
            ClusterAccess access,
            Duration patience) {
        URI url = base.resolve(path);
        byte[] bytes;
        try {
            bytes = body == null ? new byte[0] : JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            return new AdminReply(0, "the request could not be encoded: " + e.getMessage());
        }
        AdminReply reply =
                exchange(
                        client(access),
                        method,
                        url,
                        bytes,
                        access.authorization(method, url, bytes),
                        patience);
        return new AdminReply(reply.status(), message(reply.message()));
    }

    /**
     * The status of a GET with the given {@code Authorization} header (0: no answer), over {@code
     * access}'s transport.
     */
    int status(URI base, String path, String authorization, ClusterAccess access) {
        return exchange(client(access), "GET", base.resolve(path), null, authorization, timeout)
                .status();
    }

    /** Status and body of one request; status 0 with the reason when nothing answered. */
    private AdminReply exchange(
            HttpClient http,
            String method,
            URI url,
            byte[] body,
            String authorization,
            Duration patience) {
        HttpRequest.BodyPublisher publisher =
                body == null || body.length == 0
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body);
        HttpRequest.Builder request =
                HttpRequest.newBuilder(url)
                        .timeout(patience)
                        .header("Content-Type", "application/json")
                        .header("Authorization", authorization)
                        .method(method, publisher);
        try {
            HttpResponse<byte[]> response =
                    http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new AdminReply(
                    response.statusCode(), new String(response.body(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new AdminReply(0, "no answer from " + url.getHost() + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new AdminReply(0, "interrupted");
        }
    }

    private static String message(String body) {
        try {
            JsonNode json = JSON.readTree(body);
            for (String field : new String[] {"error", "message"}) {
                if (json != null && json.hasNonNull(field)) {
                    return json.get(field).asText();
                }
            }
            return body;
        } catch (IOException e) {
            return body;
        }
    }
}
