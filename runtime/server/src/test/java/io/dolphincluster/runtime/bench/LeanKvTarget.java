package io.dolphincluster.runtime.bench;

import io.dolphincluster.runtime.testkit.Credentials;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Writes over {@link LeanHttp} to one fixed member, the leader: the same requests as {@link
 * ControllerKvTarget} ({@code PUT /api/config/<key>}, {@code {"value":...}}, signed with the given
 * credentials) and {@link EtcdKvTarget} ({@code POST /v3/kv/put}, base64 key and value). Only a 200
 * counts; anything else (a 307 from a member that is no longer the leader included) fails the put
 * with the status and body. The put runs on the calling thread and returns a completed future.
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

    /** The controllers' leader at {@code leader} ({@code http://host:port}). */
    static LeanKvTarget controller(URI leader, Credentials credentials) {
        return new LeanKvTarget(
                "controller",
                leader,
                (http, key, value) -> {
                    String target = "/api/config/" + URLEncoder.encode(key, StandardCharsets.UTF_8);
                    byte[] body =
                            ("{\"value\":\"" + new String(value, StandardCharsets.US_ASCII) + "\"}")
                                    .getBytes(StandardCharsets.US_ASCII);
                    String authorization =
                            credentials.authorization("PUT", http.base().resolve(target), body);
                    Map<String, String> headers =
                            authorization == null
                                    ? Map.of("Content-Type", "application/json")
                                    : Map.of(
                                            "Content-Type",
                                            "application/json",
                                            "Authorization",
                                            authorization);
                    return http.send("PUT", target, headers, body);
                });
    }

    /** The etcd member at {@code leader} ({@code http://host:port}), its leader when asked. */
    static LeanKvTarget etcd(URI leader) {
        return new LeanKvTarget(
                "etcd",
                leader,
                (http, key, value) -> {
                    Base64.Encoder base64 = Base64.getEncoder();
                    byte[] body =
                            ("{\"key\":\""
                                            + base64.encodeToString(
                                                    key.getBytes(StandardCharsets.UTF_8))
                                            + "\",\"value\":\""
                                            + base64.encodeToString(value)
                                            + "\"}")
                                    .getBytes(StandardCharsets.US_ASCII);
                    return http.send(
                            "POST", "/v3/kv/put", Map.of("Content-Type", "application/json"), body);
                });
    }

    @Override
    public CompletableFuture<Void> put(String key, byte[] value) {
        for (byte b : value) {
            if (b < 0x20 || b == '"' || b == '\\')
                return CompletableFuture.failedFuture(
                        new IllegalArgumentException("printable ASCII values only; key " + key));
        }
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
