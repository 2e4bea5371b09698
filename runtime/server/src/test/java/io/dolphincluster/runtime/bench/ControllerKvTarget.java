package io.dolphincluster.runtime.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dolphincluster.runtime.testkit.Credentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Writes to our 3-controller Raft group through the admin API: {@code PUT <base>/api/config/<key>}
 * with body {@code {"value":"<value as ASCII>"}}.
 *
 * <p>Guarantees: a put's future completes normally only on a 200 answer, which the controller gives
 * once the write is committed through Raft. A 307 from a follower is followed to the URL in its
 * {@code Location} header (at most {@value #MAX_REDIRECTS} times per put), and the leader's base
 * URL is remembered so later puts go straight to it. A 503 (no leader right now), any other status,
 * or a transport error completes the future exceptionally with the status and body or the cause;
 * after a transport error the next put starts at the next configured member instead of the
 * remembered one.
 *
 * <p>Values must be ASCII; a put of any other byte fails without being sent.
 */
public final class ControllerKvTarget implements KvTarget {

    static final int MAX_REDIRECTS = 3;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final List<URI> members;
    private final Duration requestTimeout;
    private final AtomicReference<URI> leaderBase;
    private final AtomicInteger nextMember = new AtomicInteger();
    private final ExecutorService callbackExecutor;
    private final HttpClient http;
    private final Credentials credentials;

    /**
     * A target for the controllers at {@code baseUrls}, such as {@code http://127.0.0.1:8900},
     * calling with {@code credentials}.
     */
    public ControllerKvTarget(List<URI> baseUrls, Credentials credentials) {
        this(baseUrls, DEFAULT_REQUEST_TIMEOUT, credentials);
    }

    /**
     * As {@link #ControllerKvTarget(List, Credentials)}, failing any request not answered in {@code
     * requestTimeout}.
     */
    public ControllerKvTarget(
            List<URI> baseUrls, Duration requestTimeout, Credentials credentials) {
        this.credentials = credentials;
        if (baseUrls.isEmpty()) {
            throw new IllegalArgumentException("at least one controller base URL is needed");
        }
        this.members = List.copyOf(baseUrls);
        this.requestTimeout = requestTimeout;
        this.leaderBase = new AtomicReference<>(members.get(0));
        this.callbackExecutor =
                Executors.newCachedThreadPool(new DaemonThreadFactory("controller-kv-target"));
        this.http =
                HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(CONNECT_TIMEOUT)
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .executor(callbackExecutor)
                        .build();
    }

    @Override
    public CompletableFuture<Void> put(String key, byte[] value) {
        for (byte b : value) {
            if (b < 0) {
                return CompletableFuture.failedFuture(
                        new IllegalArgumentException(
                                "controller values must be ASCII; key " + key));
            }
        }
        byte[] body = putBody(value);
        URI base = leaderBase.get();
        return send(base, configUri(base, key), body, MAX_REDIRECTS);
    }

    /** The base URL that the next put will be sent to: the last known leader. */
    URI currentLeaderBase() {
        return leaderBase.get();
    }

    private CompletableFuture<Void> send(URI base, URI uri, byte[] body, int redirectsLeft) {
        HttpRequest.Builder builder =
                HttpRequest.newBuilder(uri)
                        .timeout(requestTimeout)
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(body));
        String authorization = credentials.authorization("PUT", uri, body);
        if (authorization != null) builder.header("Authorization", authorization);
        HttpRequest request = builder.build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .handle(
                        (response, error) -> {
                            if (error != null) {
                                moveOffUnreachable(base);
                                return CompletableFuture.<Void>failedFuture(error);
                            }
                            return onResponse(base, uri, body, redirectsLeft, response);
                        })
                .thenCompose(next -> next);
    }

    private CompletableFuture<Void> onResponse(
            URI base, URI uri, byte[] body, int redirectsLeft, HttpResponse<String> response) {
        int status = response.statusCode();
        if (status == 200) {
            return CompletableFuture.completedFuture(null);
        }
        if (status == 307) {
            String location = response.headers().firstValue("Location").orElse(null);
            if (location == null) {
                return failure("PUT " + uri + " answered 307 without a Location header");
            }
            if (redirectsLeft == 0) {
                return failure(
                        "PUT "
                                + uri
                                + " still redirected after "
                                + MAX_REDIRECTS
                                + " hops; last Location: "
                                + location);
            }
            URI target = uri.resolve(location);
            URI newLeader = baseOf(target);
            leaderBase.compareAndSet(base, newLeader);
            return send(newLeader, target, body, redirectsLeft - 1);
        }
        if (status == 503) {
            return failure(
                    "PUT " + uri + " answered 503 (no leader right now): " + response.body());
        }
        return failure("PUT " + uri + " answered " + status + ": " + response.body());
    }

    /** After a transport error, stop preferring that member: try the next configured one next. */
    private void moveOffUnreachable(URI unreachable) {
        URI next = members.get(Math.floorMod(nextMember.incrementAndGet(), members.size()));
        leaderBase.compareAndSet(unreachable, next);
    }

    private static CompletableFuture<Void> failure(String message) {
        return CompletableFuture.failedFuture(new ControllerRequestException(message));
    }

    /** The body of a put of {@code value} (ASCII). */
    static byte[] putBody(byte[] value) {
        return toJson(Map.of("value", new String(value, StandardCharsets.US_ASCII)));
    }

    /** Where a put of {@code key} goes on the controller at {@code base}. */
    static URI configUri(URI base, String key) {
        try {
            // The multi-argument constructor quotes characters that are illegal in a path, keeps
            // '/'.
            return new URI(
                    base.getScheme(), base.getRawAuthority(), "/api/config/" + key, null, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("cannot build a config URL for key " + key, e);
        }
    }

    private static URI baseOf(URI uri) {
        return URI.create(uri.getScheme() + "://" + uri.getRawAuthority());
    }

    private static byte[] toJson(Object payload) {
        try {
            return JSON.writeValueAsBytes(payload);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String name() {
        return "controller";
    }

    @Override
    public void close() {
        callbackExecutor.shutdownNow();
    }

    /** An answer from a controller other than 200 or a followable 307. */
    static final class ControllerRequestException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ControllerRequestException(String message) {
            super(message);
        }
    }
}
