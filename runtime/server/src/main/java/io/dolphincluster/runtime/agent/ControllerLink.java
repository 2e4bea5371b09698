package io.dolphincluster.runtime.agent;

import com.fasterxml.jackson.databind.JsonNode;
import io.dolphincluster.runtime.config.ClusterNodes;
import io.dolphincluster.runtime.config.NodeEntry;
import io.dolphincluster.runtime.config.NodeMode;
import io.dolphincluster.runtime.config.Site;
import io.dolphincluster.runtime.http.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's side of the controllers' admin API. It finds the leader (asking each known controller
 * {@code GET /api/leader}), registers with it and sends it heartbeats. A 307, a 503 or a connection failure
 * makes it look for the leader again; a 404 for a heartbeat (the leader does not know the agent) makes it
 * register again. {@link #tick()} is meant to run once a second from one thread.
 */
final class ControllerLink {
    private static final Logger log = LoggerFactory.getLogger(ControllerLink.class);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(3);

    /** An answer of a controller: its status and JSON body. */
    record Answer(int status, JsonNode body) {}

    private final String alias;
    private final List<Site> controllers;
    private final Map<String, Object> registration;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(1))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private volatile String leaderUrl;
    private volatile String leaderAlias;
    private volatile boolean registered;
    private volatile String lastProblem;

    /** @param registration the body of {@code POST /api/nodes}: alias, site, mode, machine, zone */
    ControllerLink(String alias, List<Site> controllers, Map<String, Object> registration) {
        this.alias = alias;
        this.controllers = List.copyOf(controllers);
        this.registration = Collections.unmodifiableMap(new LinkedHashMap<>(registration));
    }

    /** One round: find the leader if needed, then register or heartbeat. Never throws. */
    void tick() {
        try {
            if (leaderUrl == null && !findLeader()) return;
            if (!registered) {
                register();
            } else {
                heartbeat();
            }
        } catch (RuntimeException e) {
            problem("unexpected failure talking to the controllers: " + e);
        }
    }

    private boolean findLeader() {
        for (Site controller : controllers) {
            Optional<Answer> answer = call("GET", "http://" + controller.hostPort(), "/api/leader", null);
            if (answer.isEmpty() || answer.get().status() != 200) continue;
            String site = answer.get().body().path("site").asText(null);
            if (site == null || site.isBlank()) continue;
            leaderUrl = "http://" + site;
            leaderAlias = answer.get().body().path("alias").asText();
            log.info("[{}] the controller leader is {} ({}), as {} says", alias, leaderAlias, site, controller.alias());
            return true;
        }
        problem("no controller of " + controllers.stream().map(Site::alias).toList() + " names a leader");
        return false;
    }

    private void register() {
        Optional<Answer> answer = call("POST", leaderUrl, "/api/nodes", registration);
        if (answer.isPresent() && answer.get().status() == 200) {
            registered = true;
            lastProblem = null;
            log.info("[{}] registered with leader {} as {}", alias, leaderAlias, registration);
        } else {
            lost("registration", answer);
        }
    }

    private void heartbeat() {
        Optional<Answer> answer = call("POST", leaderUrl, "/api/heartbeat", Map.of("alias", alias));
        if (answer.isPresent() && answer.get().status() == 200) {
            if (lastProblem != null) log.info("[{}] heartbeats reach leader {} again", alias, leaderAlias);
            lastProblem = null;
        } else if (answer.isPresent() && answer.get().status() == 404) {
            registered = false;
            log.info("[{}] leader {} does not know this agent; registering again", alias, leaderAlias);
            register();
        } else {
            lost("heartbeat", answer);
        }
    }

    private void lost(String what, Optional<Answer> answer) {
        String reason = answer.map(a -> "answered " + a.status() + " " + a.body()).orElse("did not answer");
        problem(what + " to " + leaderAlias + " failed (" + reason + "); looking for the leader again");
        leaderUrl = null;
        leaderAlias = null;
    }

    private void problem(String message) {
        if (!message.equals(lastProblem)) log.warn("[{}] {}", alias, message);
        lastProblem = message;
    }

    /** The alias of the leader this agent currently sends heartbeats to, if it is registered with one. */
    Optional<String> leader() {
        return registered && leaderAlias != null ? Optional.of(leaderAlias) : Optional.empty();
    }

    /**
     * The rows of the cluster's {@code cluster.nodes} ({@code GET /api/cluster-nodes}), from the leader if one
     * is known, else from the first controller that answers.
     *
     * @throws IOException when no controller answers
     */
    List<NodeEntry> clusterNodes() throws IOException {
        List<String> urls = new ArrayList<>();
        String leader = leaderUrl;
        if (leader != null) urls.add(leader);
        controllers.forEach(c -> urls.add("http://" + c.hostPort()));
        for (String url : urls) {
            Optional<Answer> answer = call("GET", url, "/api/cluster-nodes", null);
            if (answer.isEmpty() || answer.get().status() != 200) continue;
            List<NodeEntry> nodes = new ArrayList<>();
            for (JsonNode node : answer.get().body().path("nodes")) {
                Site site = Site.parse(node.path("site").asText() + ":" + node.path("alias").asText());
                nodes.add(new NodeEntry(site, NodeMode.parse(node.path("mode").asText())));
            }
            return nodes;
        }
        throw new IOException("no controller of " + controllers.stream().map(Site::alias).toList()
                + " answered GET /api/cluster-nodes");
    }

    private Optional<Answer> call(String method, String baseUrl, String path, Object body) {
        try {
            HttpRequest.BodyPublisher publisher = body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(Json.MAPPER.writeValueAsBytes(body));
            HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                    .timeout(REQUEST_TIMEOUT)
                    .header("Content-Type", "application/json")
                    .method(method, publisher)
                    .build();
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            JsonNode json = response.body().length == 0 ? Json.MAPPER.nullNode() : Json.MAPPER.readTree(response.body());
            return Optional.of(new Answer(response.statusCode(), json));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** The registration body for an agent. */
    static Map<String, Object> registration(Site site, String machine, String zone) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("alias", site.alias());
        body.put("site", site.hostPort());
        body.put("mode", NodeMode.AGENT.configName());
        body.put("machine", machine);
        body.put("zone", zone);
        return body;
    }
}
