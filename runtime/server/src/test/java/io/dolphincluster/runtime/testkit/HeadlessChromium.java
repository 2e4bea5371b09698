package io.dolphincluster.runtime.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;

/**
 * A real headless Chromium (Debian's {@code chromium} package) driven over the Chrome DevTools
 * Protocol with {@code java.net.http.WebSocket}: navigate, evaluate JavaScript in the page, take a
 * screenshot. Each instance has a fresh profile directory; {@link #close()} kills the browser and
 * every process it started, by pid.
 */
public final class HeadlessChromium implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

    private HeadlessChromium(Process process, Path profile, WebSocket.Builder builder, URI page)
            throws Exception {
        this.process = process;
        this.profile = profile;
        this.socket = builder.buildAsync(page, new Listener()).get(30, TimeUnit.SECONDS);
    }

    /**
     * The browser binary: {@code $CHROMIUM}, else {@code /usr/bin/chromium}; fails with how to
     * install it.
     */
    public static Path binary() {
        String configured = System.getenv("CHROMIUM");
        Path path = Path.of(configured != null ? configured : "/usr/bin/chromium");
        if (!Files.isExecutable(path)) {
            throw new IllegalStateException(
                    "no Chromium at " + path + ": apt-get install -y chromium (or set CHROMIUM)");
        }
        return path;
    }

    /** Starts a browser with a blank page of {@code width} x {@code height} CSS pixels. */
    public static HeadlessChromium start(int width, int height) throws Exception {
        Path profile = Files.createTempDirectory("chromium-profile");
        List<String> command =
                List.of(
                        binary().toString(),
                        "--headless",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-quic",
                        "--no-first-run",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--user-data-dir=" + profile,
                        "--remote-debugging-port=0",
                        "--remote-allow-origins=*",
                        "--window-size=" + width + "," + height,
                        "about:blank");
        Process process =
                new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            String browserUrl = devToolsUrl(process);
            URI base =
                    URI.create(
                            browserUrl
                                    .replaceFirst("^ws://", "http://")
                                    .replaceFirst("/devtools/.*$", ""));
            HttpClient http = HttpClient.newHttpClient();
            URI page =
                    Awaitility.await("a page target")
                            .atMost(Duration.ofSeconds(20))
                            .ignoreExceptions()
                            .until(() -> pageTarget(http, base), p -> p != null);
            return new HeadlessChromium(process, profile, http.newWebSocketBuilder(), page);
        } catch (Exception | Error e) {
            kill(process);
            throw e;
        }
    }

    private static String devToolsUrl(Process process) throws IOException {
        BufferedReader err =
                new BufferedReader(
                        new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String line;
        StringBuilder seen = new StringBuilder();
        while (System.nanoTime() < deadline && (line = err.readLine()) != null) {
            int at = line.indexOf("DevTools listening on ");
            if (at >= 0) {
                Thread drain = new Thread(() -> err.lines().forEach(l -> {}), "chromium-stderr");
                drain.setDaemon(true);
                drain.start();
                return line.substring(at + "DevTools listening on ".length()).trim();
            }
            seen.append(line).append('\n');
        }
        throw new IOException("Chromium did not announce its DevTools endpoint; it said:\n" + seen);
    }

    private static URI pageTarget(HttpClient http, URI base) throws Exception {
        HttpResponse<String> list =
                http.send(
                        HttpRequest.newBuilder(base.resolve("/json/list")).build(),
                        HttpResponse.BodyHandlers.ofString());
        for (JsonNode target : JSON.readTree(list.body())) {
            if ("page".equals(target.path("type").asText()))
                return URI.create(target.get("webSocketDebuggerUrl").asText());
        }
        return null;
    }

    /** Loads {@code url} and waits until the document has loaded. */
    public void navigate(String url) throws Exception {
        call("Page.enable", JSON.createObjectNode());
        ObjectNode params = JSON.createObjectNode().put("url", url);
        JsonNode result = call("Page.navigate", params);
        if (result.has("errorText"))
            throw new IOException(
                    "navigation to " + url + " failed: " + result.get("errorText").asText());
        await(
                "the page at " + url + " loaded",
                Duration.ofSeconds(20),
                () -> "complete".equals(evaluate("document.readyState").asText()));
    }

    /**
     * The value of {@code expression} in the page (promises awaited), as JSON; a thrown error fails
     * the call.
     */
    public JsonNode evaluate(String expression) throws Exception {
        ObjectNode params =
                JSON.createObjectNode()
                        .put("expression", expression)
                        .put("returnByValue", true)
                        .put("awaitPromise", true);
        JsonNode result = call("Runtime.evaluate", params);
        if (result.has("exceptionDetails")) {
            throw new IllegalStateException(
                    "page script failed: " + result.get("exceptionDetails").toString());
        }
        return result.path("result").path("value");
    }

    /** The text content of the first element matching {@code selector}, or an empty string. */
    public String text(String selector) throws Exception {
        return evaluate(
                        "(document.querySelector("
                                + JSON.writeValueAsString(selector)
                                + ") || {}).textContent || ''")
                .asText();
    }

    /**
     * Waits for {@code condition} (evaluated in Java, usually reading the page) within {@code
     * timeout}.
     */
    public void await(String what, Duration timeout, BooleanSupplierWithException condition) {
        Awaitility.await(what)
                .atMost(timeout)
                .pollInterval(Duration.ofMillis(200))
                .ignoreExceptions()
                .until(condition::get);
    }

    /** A condition that may throw. */
    @FunctionalInterface
    public interface BooleanSupplierWithException {
        boolean get() throws Exception;
    }

    /** Writes a PNG of the whole page to {@code file}. */
    public void screenshot(Path file) throws Exception {
        ObjectNode params =
                JSON.createObjectNode().put("format", "png").put("captureBeyondViewport", true);
        JsonNode metrics = call("Page.getLayoutMetrics", JSON.createObjectNode());
        JsonNode size =
                metrics.has("cssContentSize")
                        ? metrics.get("cssContentSize")
                        : metrics.get("contentSize");
        params.putObject("clip")
                .put("x", 0)
                .put("y", 0)
                .put("width", size.get("width").asDouble())
                .put("height", Math.min(size.get("height").asDouble(), 2400))
                .put("scale", 1);
        byte[] png =
                Base64.getDecoder()
                        .decode(call("Page.captureScreenshot", params).get("data").asText());
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, png);
    }

    private JsonNode call(String method, ObjectNode params) throws Exception {
        long id = ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", params);
        synchronized (socket) {
            socket.sendText(JSON.writeValueAsString(message), true).get(10, TimeUnit.SECONDS);
        }
        JsonNode reply = answer.get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (reply.has("error"))
            throw new IllegalStateException(method + " failed: " + reply.get("error"));
        return reply.path("result");
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                try {
                    JsonNode message = JSON.readTree(text);
                    if (message.has("id")) {
                        CompletableFuture<JsonNode> answer =
                                pending.remove(message.get("id").asLong());
                        if (answer != null) answer.complete(message);
                    }
                } catch (IOException e) {
                    // not JSON: no call can be waiting for it; that call times out and says which
                    // method it was
                }
            }
            webSocket.request(1);
            return null;
        }
    }

    /**
     * Kills the browser and its helper processes (renderer, GPU, zygote) by pid, and deletes the
     * profile.
     */
    @Override
    public void close() throws IOException {
        socket.abort();
        kill(process);
        try (var paths = Files.walk(profile)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static void kill(Process process) {
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.add(process.toHandle());
        all.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle handle : all) {
            try {
                handle.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                // still reported by isAlive below
            }
        }
        if (process.isAlive())
            throw new IllegalStateException("Chromium pid " + process.pid() + " survived SIGKILL");
    }
}
