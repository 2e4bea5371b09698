package io.dolphincluster.runtime.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Writes to an etcd 3.4 cluster through its v3 JSON gateway ({@code POST /v3/kv/put}) over
 * HTTP/1.1, always to one fixed member.
 *
 * <p>Guarantees: a put's future completes normally only on a 2xx answer, which etcd gives once the
 * write is committed by a quorum and applied on the member asked; on any other status it completes
 * exceptionally with a message holding the status and the body, and on a transport error with that
 * error.
 *
 * <p>Why a fixed member, and why the leader ({@link #toLeaderOf}): {@link ControllerKvTarget}
 * follows its first 307 to the Raft leader and then sends every write straight there. Sending etcd
 * writes round-robin would make two thirds of them go to followers, which forward the proposal to
 * the leader and answer only once they have applied the entry themselves, an extra peer hop that
 * our controller does not pay. Writing to etcd's leader gives both systems the same path: client,
 * leader, quorum, reply. If leadership moves during a run, writes still succeed (the member then
 * forwards), so the choice affects only speed, never correctness.
 */
public final class EtcdKvTarget implements KvTarget {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final URI putUri;
    private final Duration requestTimeout;
    private final ExecutorService callbackExecutor;
    private final HttpClient http;

    /** A target writing to the member at {@code clientUrl} (e.g. {@code http://127.0.0.1:2379}). */
    public EtcdKvTarget(URI clientUrl) {
        this(clientUrl, DEFAULT_REQUEST_TIMEOUT);
    }

    /**
     * As {@link #EtcdKvTarget(URI)}, failing any put not answered within {@code requestTimeout}.
     */
    public EtcdKvTarget(URI clientUrl, Duration requestTimeout) {
        this.putUri = clientUrl.resolve("/v3/kv/put");
        this.requestTimeout = requestTimeout;
        this.callbackExecutor =
                Executors.newCachedThreadPool(new DaemonThreadFactory("etcd-kv-target"));
        this.http = newHttpClient(callbackExecutor);
    }

    /**
     * A target writing to whichever member of {@code clientUrls} is the leader now, as each member
     * reports in {@code POST /v3/maintenance/status}.
     *
     * @throws IllegalStateException if no member reports itself as leader
     */
    public static EtcdKvTarget toLeaderOf(List<URI> clientUrls) {
        return new EtcdKvTarget(findLeader(clientUrls));
    }

    /** The client URL of the member that reports itself as leader. */
    static URI findLeader(List<URI> clientUrls) {
        ExecutorService executor =
                Executors.newSingleThreadExecutor(new DaemonThreadFactory("etcd-status"));
        try {
            HttpClient client = newHttpClient(executor);
            for (URI clientUrl : clientUrls) {
                JsonNode status =
                        postJson(client, clientUrl.resolve("/v3/maintenance/status"), Map.of());
                String self = status.path("header").path("member_id").asText();
                if (!self.isEmpty() && self.equals(status.path("leader").asText())) {
                    return clientUrl;
                }
            }
            throw new IllegalStateException(
                    "no etcd member reports itself as leader: " + clientUrls);
        } finally {
            executor.shutdownNow();
        }
    }

    @Override
    public CompletableFuture<Void> put(String key, byte[] value) {
        byte[] body = putBody(key, value);
        HttpRequest request =
                HttpRequest.newBuilder(putUri)
                        .timeout(requestTimeout)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .thenApply(
                        response -> {
                            if (response.statusCode() / 100 != 2) {
                                throw new EtcdRequestException(
                                        "etcd put of '"
                                                + key
                                                + "' to "
                                                + putUri
                                                + " answered "
                                                + response.statusCode()
                                                + ": "
                                                + response.body());
                            }
                            return null;
                        });
    }

    /**
     * The body of a v3 put of {@code value} under {@code key}: both base64, as the gateway wants.
     */
    static byte[] putBody(String key, byte[] value) {
        Base64.Encoder base64 = Base64.getEncoder();
        return toJson(
                Map.of(
                        "key", base64.encodeToString(key.getBytes(StandardCharsets.UTF_8)),
                        "value", base64.encodeToString(value)));
    }

    /**
     * The value under {@code key} as this member alone holds it (a serializable read: its own
     * applied state, not the leader's), or empty when it holds none.
     */
    public Optional<String> readLocal(String key) {
        Base64.Encoder base64 = Base64.getEncoder();
        JsonNode answer =
                postJson(
                        http,
                        putUri.resolve("/v3/kv/range"),
                        Map.of(
                                "key",
                                base64.encodeToString(key.getBytes(StandardCharsets.UTF_8)),
                                "serializable",
                                true));
        JsonNode value = answer.path("kvs").path(0).path("value");
        return value.isMissingNode()
                ? Optional.empty()
                : Optional.of(
                        new String(
                                Base64.getDecoder().decode(value.asText()),
                                StandardCharsets.UTF_8));
    }

    @Override
    public String name() {
        return "etcd";
    }

    @Override
    public void close() {
        callbackExecutor.shutdownNow();
    }

    private static JsonNode postJson(HttpClient client, URI uri, Object payload) {
        HttpRequest request =
                HttpRequest.newBuilder(uri)
                        .timeout(DEFAULT_REQUEST_TIMEOUT)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(toJson(payload)))
                        .build();
        try {
            HttpResponse<String> response =
                    client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new EtcdRequestException(
                        uri + " answered " + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("request to " + uri + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking " + uri, e);
        }
    }

    private static byte[] toJson(Object payload) {
        try {
            return JSON.writeValueAsBytes(payload);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static HttpClient newHttpClient(ExecutorService executor) {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .executor(executor)
                .build();
    }

    /** An answer from etcd outside 2xx; the message holds the status and the body. */
    static final class EtcdRequestException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        EtcdRequestException(String message) {
            super(message);
        }
    }
}
