package io.dolphincluster.e2e.suite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dolphincluster.adminapi.AdminRoutes;
import io.dolphincluster.adminapi.Endpoint;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * GETs on a controller's admin HTTP API (port 8900), addressed by pod IP, as the admin user (HTTP
 * Basic), over HTTPS trusting the cluster's CA ({@link ClusterCaTrust}).
 */
final class AdminApi {
    static final int CONTROLLER_PORT = 8900;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One client per cluster CA (a client's TLS is fixed when it is built). */
    private static final Map<X509Certificate, HttpClient> HTTPS = new ConcurrentHashMap<>();

    private AdminApi() {}

    /**
     * The answer of the admin API's {@code endpoint} (a GET without parameters, {@link
     * AdminRoutes}).
     */
    static JsonNode get(ClusterCaTrust tls, String podIp, Endpoint endpoint, String adminPassword) {
        return get(tls, podIp, endpoint, adminPassword, Duration.ofSeconds(5));
    }

    /**
     * As {@link #get(ClusterCaTrust, String, Endpoint, String)}, giving up on an answer after
     * {@code timeout}.
     */
    static JsonNode get(
            ClusterCaTrust tls,
            String podIp,
            Endpoint endpoint,
            String adminPassword,
            Duration timeout) {
        return get(
                HTTPS.computeIfAbsent(tls.ca(), ca -> newClient(tls)),
                podIp,
                endpoint,
                adminPassword,
                timeout);
    }

    /**
     * As {@link #get(ClusterCaTrust, String, Endpoint, String)}, over a connection of its own (a
     * new TLS handshake, no pooled keep-alive connection).
     */
    static JsonNode getOverNewConnection(
            ClusterCaTrust tls, String podIp, Endpoint endpoint, String adminPassword) {
        return get(newClient(tls), podIp, endpoint, adminPassword, Duration.ofSeconds(5));
    }

    private static HttpClient newClient(ClusterCaTrust tls) {
        return HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(2))
                .sslContext(tls.adminApi())
                .build();
    }

    private static JsonNode get(
            HttpClient http,
            String podIp,
            Endpoint endpoint,
            String adminPassword,
            Duration timeout) {
        if (!"GET".equals(endpoint.method()))
            throw new IllegalArgumentException(endpoint + " is not a GET");
        String path = endpoint.path();
        String basic =
                "Basic "
                        + java.util.Base64.getEncoder()
                                .encodeToString(
                                        ("admin:" + adminPassword)
                                                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        try {
            HttpResponse<String> response =
                    http.send(
                            HttpRequest.newBuilder(
                                            URI.create(
                                                    "https://"
                                                            + podIp
                                                            + ":"
                                                            + CONTROLLER_PORT
                                                            + path))
                                    .timeout(timeout)
                                    .header("Authorization", basic)
                                    .GET()
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(
                        "GET "
                                + path
                                + " on "
                                + podIp
                                + ": "
                                + response.statusCode()
                                + " "
                                + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("GET " + path + " on " + podIp + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
