package io.dolphincluster.runtime.link;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a datanode or an agent talks to the controllers' HTTP API: every call goes to the leader. It
 * remembers the last leader; a follower's 307 names the new one; an unreachable controller or a 503
 * (no leader yet) makes it try the next controller, until the call's deadline. Answers other than
 * 2xx are returned, not thrown, so callers decide what a 404 or 409 means. Besides the controllers
 * of its config file it tries those the leader last named as the group's members ({@link
 * #learnControllers}): a node started when the group had one controller still finds the others
 * after that one goes down. Every request is signed as this node with the cluster credential
 * ({@link ClusterCredential#httpAuthorization}), so the controllers know it for a member. A
 * controller that does not answer (paused, partitioned) is tried last for a while, and a 307 that
 * points at it is not followed in the same call: a node then reaches the new leader before its
 * heartbeat timeout runs out.
 */
public final class ControllerLink {
    private static final Logger log = LoggerFactory.getLogger(ControllerLink.class);

    /**
     * How long one request waits for a controller's answer; a new leader allows nodes this long to
     * find it.
     */
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

    static final Duration SILENCE_MEMORY = Duration.ofSeconds(15);

    /** A controller's answer. */
    public record Answer(int status, JsonNode body) {
        public boolean ok() {
            return status / 100 == 2;
        }

        public String error() {
            JsonNode error = body == null ? null : body.get("error");
            return error == null ? String.valueOf(body) : error.asText();
        }
    }

    /** No controller answered (other than "no leader") before the deadline. */
    public static final class Unavailable extends IOException {
        public Unavailable(String message) {
            super(message);
        }
    }

    private final String alias;
    private final ClusterCredential credential;
    private final List<String> controllers;
    private final Duration deadline;
    private final String scheme;
    private final HttpClient http;
    private volatile String leaderSite;
    private volatile List<String> learned = List.of();

    /** Controllers that did not answer lately (host:port → when), tried last. */
    private final Map<String, Long> silentSince = new ConcurrentHashMap<>();

    public ControllerLink(
            String alias, ClusterCredential credential, List<Site> controllers, Duration deadline) {
        this(alias, credential, controllers, deadline, ClusterTls.off());
    }

    /**
     * @param tls HTTPS to the controllers, trusting the cluster CA and checking their host names,
     *     when on
     */
    public ControllerLink(
            String alias,
            ClusterCredential credential,
            List<Site> controllers,
            Duration deadline,
            ClusterTls tls) {
        this.scheme = tls.scheme() + "://";
        this.http =
                tls.httpClient()
                        .connectTimeout(Duration.ofSeconds(2))
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .build();
        this.alias = alias;
        this.credential = credential;
        this.controllers = controllers.stream().map(Site::hostPort).toList();
        this.deadline = deadline;
    }

    public Answer get(String path) throws IOException, InterruptedException {
        return call("GET", path, null);
    }

    public Answer post(String path, Object body) throws IOException, InterruptedException {
        return call("POST", path, body);
    }

    public Answer delete(String path) throws IOException, InterruptedException {
        return call("DELETE", path, null);
    }

    /**
     * The group's members ({@code host:port}) as the leader just named them; they are tried after
     * the configured ones.
     */
    public void learnControllers(List<String> sites) {
        List<String> next = sites.stream().distinct().sorted().toList();
        if (!next.equals(learned)) {
            log.info("[{}] the controller group is now {}", alias, next);
            learned = next;
        }
    }

    /** The leader's {@code host:port} as last seen, if any. */
    public Optional<String> leaderSite() {
        return Optional.ofNullable(leaderSite);
    }

    private Answer call(String method, String path, Object body)
            throws IOException, InterruptedException {
        byte[] bytes = body == null ? new byte[0] : Json.MAPPER.writeValueAsBytes(body);
        long giveUpAt = System.nanoTime() + deadline.toNanos();
        String lastProblem = "no controller tried";
        Set<String> silentNow = new HashSet<>();
        int round = 0;
        while (System.nanoTime() - giveUpAt < 0) {
            for (String site : candidates()) {
                try {
                    Answer answer = send(method, scheme + site + path, bytes, silentNow);
                    if (answer.status() == 307) {
                        String next = leaderFrom(answer);
                        if (next != null && silentNow.contains(next)) {
                            lastProblem =
                                    site + " names " + next + " the leader, which did not answer";
                            continue;
                        }
                        if (next != null && !next.equals(site)) {
                            answer = send(method, scheme + next + path, bytes, silentNow);
                            site = next;
                        }
                    }
                    if (answer.status() == 503 || answer.status() == 307) {
                        lastProblem = site + " answered " + answer.status() + ": " + answer.error();
                        continue;
                    }
                    rememberLeader(site);
                    return answer;
                } catch (IOException e) {
                    lastProblem = site + " unreachable: " + e;
                }
            }
            silentNow.clear(); // a paused controller may be back: the next round tries it again
            Thread.sleep(Math.min(1000, 100L << Math.min(round++, 4)));
        }
        throw new Unavailable(
                method
                        + " "
                        + path
                        + ": no controller leader answered within "
                        + deadline.toSeconds()
                        + " s; last: "
                        + lastProblem);
    }

    /**
     * The remembered leader first, then the configured and learnt controllers; a controller that
     * did not answer within the last {@link #SILENCE_MEMORY} goes last, so a paused one costs one
     * request timeout, not one per call.
     */
    private List<String> candidates() {
        List<String> order = new ArrayList<>();
        String leader = leaderSite;
        if (leader != null) order.add(leader);
        for (String site : controllers) {
            if (!order.contains(site)) order.add(site);
        }
        for (String site : learned) {
            if (!order.contains(site)) order.add(site);
        }
        long now = System.nanoTime();
        silentSince.values().removeIf(since -> now - since > SILENCE_MEMORY.toNanos());
        order.sort(
                Comparator.comparing(silentSince::containsKey)); // stable: false (answering) first
        return order;
    }

    private void rememberLeader(String site) {
        silentSince.remove(site);
        if (!site.equals(leaderSite)) {
            log.info("[{}] talking to controller leader at {}", alias, site);
            leaderSite = site;
        }
    }

    private void rememberSilence(String site, IOException e, Set<String> silentNow) {
        silentNow.add(site);
        silentSince.put(site, System.nanoTime());
        if (site.equals(leaderSite)) {
            leaderSite = null;
            log.info(
                    "[{}] controller leader at {} did not answer ({}); trying the others",
                    alias,
                    site,
                    e.toString());
        }
    }

    private static String leaderFrom(Answer redirect) {
        JsonNode site = redirect.body() == null ? null : redirect.body().get("leaderSite");
        return site == null || site.isNull() ? null : site.asText();
    }

    private Answer send(String method, String url, byte[] body, Set<String> silentNow)
            throws IOException, InterruptedException {
        URI uri = URI.create(url);
        HttpRequest.Builder request =
                HttpRequest.newBuilder(uri)
                        .timeout(REQUEST_TIMEOUT)
                        .header("Content-Type", "application/json")
                        .header(
                                "Authorization",
                                credential.httpAuthorization(alias, method, uri, body));
        request.method(
                method,
                body.length == 0
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            rememberSilence(uri.getHost() + ":" + uri.getPort(), e, silentNow);
            throw e;
        }
        JsonNode json = response.body().length == 0 ? null : Json.MAPPER.readTree(response.body());
        return new Answer(response.statusCode(), json);
    }
}
