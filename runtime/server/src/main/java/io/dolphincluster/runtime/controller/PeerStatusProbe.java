package io.dolphincluster.runtime.controller;

import io.dolphincluster.runtime.config.Site;
import io.dolphincluster.runtime.http.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** Asks another controller for its {@link RaftStatus} ({@code GET /api/raft}); empty when it does not answer. */
class PeerStatusProbe {
    private static final Duration TIMEOUT = Duration.ofSeconds(1);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    Optional<RaftStatus> statusOf(Site site) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + site.hostPort() + "/api/raft"))
                .timeout(TIMEOUT).GET().build();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) return Optional.empty();
            return Optional.of(Json.MAPPER.readValue(response.body(), RaftStatus.class));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
