package io.dolphincluster.runtime.controller.raft;

import io.dolphincluster.adminapi.AdminRoutes;
import io.dolphincluster.adminapi.RaftStatus;
import io.dolphincluster.protocol.auth.ClusterCredential;
import io.dolphincluster.runtime.config.Site;
import io.dolphincluster.runtime.http.Json;
import io.dolphincluster.runtime.tls.ClusterTls;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * Asks another controller for its {@link RaftStatus} ({@code GET /api/raft}, signed as this
 * controller, a member node); when it gives none, says why, for the log of a controller that waits.
 */
public class PeerStatusProbe {
    private static final Duration TIMEOUT = Duration.ofSeconds(1);
    private final HttpClient http;
    private final ClusterTls tls;
    private final String alias;
    private final ClusterCredential credential;

    public PeerStatusProbe(String alias, ClusterCredential credential, ClusterTls tls) {
        this.tls = tls;
        this.http = tls.httpClient().connectTimeout(TIMEOUT).build();
        this.alias = alias;
        this.credential = credential;
    }

    /** A peer's status, or why it gave none. */
    record Answer(Optional<RaftStatus> status, String problem) {
        static Answer of(RaftStatus status) {
            return new Answer(Optional.of(status), "");
        }

        static Answer none(String problem) {
            return new Answer(Optional.empty(), problem);
        }
    }

    Answer statusOf(Site site) throws InterruptedException {
        URI url = tls.uri(site.hostPort(), AdminRoutes.RAFT.path());
        HttpRequest request =
                HttpRequest.newBuilder(url)
                        .header(
                                "Authorization",
                                credential.httpAuthorization(alias, "GET", url, null))
                        .timeout(TIMEOUT)
                        .GET()
                        .build();
        try {
            HttpResponse<byte[]> response =
                    http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                return Answer.none("HTTP " + response.statusCode() + " from " + url);
            }
            return Answer.of(Json.MAPPER.readValue(response.body(), RaftStatus.class));
        } catch (IOException e) {
            String detail = e.getMessage() == null ? "" : " (" + e.getMessage() + ")";
            return Answer.none(e.getClass().getSimpleName() + detail + " from " + url);
        }
    }
}
