package io.dolphincluster.runtime.bench;

import io.dolphincluster.runtime.testkit.Credentials;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Writes over {@link LeanHttp} to one fixed member, the leader: the same requests as {@link
 * ControllerKvTarget} ({@code PUT /api/config/<key>}, {@code {"value":...}}, signed with the given
 * credentials) and {@link EtcdKvTarget} ({@code POST /v3/kv/put}, base64 key and value). Only a 200
 * counts; anything else (a 307 from a member that is no longer the leader included) fails the put
 * with the status and body. The URI and bodies are those targets' own. The put runs on the calling
 * thread and returns a completed future.
 */
final class LeanKvTarget implements KvTarget {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private interface RequestShape {
        LeanHttp.Response send(LeanHttp http, String key, byte[] value) throws IOException;
    }

    private final String name;
    private final LeanHttp http;
    private final RequestShape shape;

    private LeanKvTarget(String name, URI leader, RequestShape shape) {
        this.name = name;
        this.http = new LeanHttp(leader, TIMEOUT);
        this.shape = shape;
    }

    /** The controllers' leader at {@code leader} ({@code http://host:port}); ASCII values only. */
    static LeanKvTarget controller(URI leader, Credentials credentials) {
        return new LeanKvTarget(
                "controller",
                leader,
                (http, key, value) -> {
                    for (byte b : value) {
                        if (b < 0)
                            throw new IllegalArgumentException(
                                    "controller values must be ASCII; key " + key);
                    }
                    URI uri = ControllerKvTarget.configUri(http.base(), key);
                    byte[] body = ControllerKvTarget.putBody(value);
                    String authorization = credentials.authorization("PUT", uri, body);
                    Map<String, String> headers =
                            authorization == null
                                    ? Map.of("Content-Type", "application/json")
                                    : Map.of(
                                            "Content-Type",
                                            "application/json",
                                            "Authorization",
                                            authorization);
                    return http.send("PUT", uri.getRawPath(), headers, body);
                });
    }

    /** The etcd member at {@code leader} ({@code http://host:port}), its leader when asked. */
    static LeanKvTarget etcd(URI leader) {
        return new LeanKvTarget(
                "etcd",
                leader,
                (http, key, value) ->
                        http.send(
                                "POST",
                                "/v3/kv/put",
                                Map.of("Content-Type", "application/json"),
                                EtcdKvTarget.putBody(key, value)));
    }

    @Override
    public CompletableFuture<Void> put(String key, byte[] value) {
        try {
            LeanHttp.Response response = shape.send(http, key, value);
            if (response.status() != 200) {
                return CompletableFuture.failedFuture(
                        new IOException(
                                name
                                        + " put of '"
                                        + key
                                        + "' answered "
                                        + response.status()
                                        + ": "
                                        + response.text()));
            }
            return CompletableFuture.completedFuture(null);
        } catch (IOException | RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void close() {
        http.close();
    }
}
