package io.dolphincluster.runtime.dolphindb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dolphincluster.runtime.testkit.ControllerCluster;
import io.dolphincluster.runtime.testkit.ControllerClusters;
import io.dolphincluster.runtime.testkit.ControllerProcess;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The official JavaScript API (npm {@code dolphindb}, run by Node) over a WebSocket on the data
 * port: connect with its plain login, a query, an upload of vectors, an insert into a DFS table, a
 * grouped query, and the one-line error of an unsupported statement; and over a WebSocket on a real
 * controller's HTTP port: {@code getActiveMaster()} names the leader, a DFS call is refused in one
 * line and the connection stays. The package is installed into {@code target/dolphindb-js} on the
 * first run; without Node or npm (or without the registry) the test is skipped, saying why.
 */
class JavaScriptApiIT {
    static final String PACKAGE = "dolphindb@3.1.48";
    private static final Path DIR = Path.of("target", "dolphindb-js");

    @RegisterExtension final ControllerClusters clusters = new ControllerClusters();

    @Test
    void theJavaScriptApiConnectsQueriesAndInserts() throws Exception {
        installPackage(DIR);
        try (FrontEndFixture fixture = new FrontEndFixture(Duration.ofSeconds(30))) {
            JsonNode seen = runScript("api.mjs", "ws://127.0.0.1:" + fixture.port());
            assertThat(seen.get("master").asText()).isEqualTo("controller1");
            assertThat(seen.get("sum").asLong()).isEqualTo(55);
            assertThat(seen.get("inserted").asInt()).isEqualTo(3);
            assertThat(seen.get("k").toString()).isEqualTo("[1,2]");
            assertThat(seen.get("total").get(0).asDouble()).isEqualTo(1.5);
            assertThat(seen.get("total").get(1).asDouble()).isEqualTo(6.0);
            assertThat(seen.get("error").asText())
                    .isEqualTo("Not supported by this server: the statement 'update'");
        }
    }

    @Test
    void theJavaScriptApiAsksAControllerForTheActiveMaster() throws Exception {
        installPackage(DIR);
        ControllerCluster cluster = clusters.create(3, Map.of());
        cluster.startAll();
        String leader = cluster.awaitLeader(Duration.ofSeconds(60));
        ControllerProcess follower =
                cluster.all().stream()
                        .filter(c -> !c.alias().equals(leader))
                        .findFirst()
                        .orElseThrow();
        follower.awaitAdminUser(Duration.ofSeconds(30));

        JsonNode seen = runScript("controller.mjs", "ws://127.0.0.1:" + follower.port());
        assertThat(seen.get("master").asText()).isEqualTo(leader);
        assertThat(seen.get("node").asText()).isEqualTo(follower.alias());
        assertThat(seen.get("sum").asLong()).isEqualTo(55);
        assertThat(seen.get("error").asText())
                .contains("<DataNodeNotAvail> a controller holds no data");
        assertThat(seen.get("afterError").asText())
                .as("the connection stays")
                .isEqualTo(follower.alias());
        assertThat(follower.admin().get("/api/leader").body().get("alias").asText())
                .as("HTTP on the same port")
                .isEqualTo(leader);
    }

    /**
     * Runs {@code script} (a resource in {@code /dolphindb-js/}) in Node against {@code url}: the
     * JSON line it printed.
     */
    private static JsonNode runScript(String script, String url) throws Exception {
        try (InputStream in =
                JavaScriptApiIT.class.getResourceAsStream("/dolphindb-js/" + script)) {
            Files.copy(in, DIR.resolve(script), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Result result = run(DIR, Duration.ofSeconds(60), "node", script, url);
        assertThat(result.exit()).as(result.output()).isZero();
        String json =
                result.output()
                        .lines()
                        .filter(l -> l.startsWith("{"))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError(result.output()));
        return new ObjectMapper().readTree(json);
    }

    private static void installPackage(Path dir) throws Exception {
        assumeTrue(
                run(Path.of("."), Duration.ofSeconds(20), "node", "--version").exit() == 0,
                "node is not installed");
        if (Files.isDirectory(dir.resolve("node_modules/dolphindb"))) return;
        Files.createDirectories(dir);
        Files.writeString(
                dir.resolve("package.json"),
                "{\"name\":\"dolphindb-js-test\",\"private\":true,\"type\":\"module\"}\n");
        Result install =
                run(
                        dir,
                        Duration.ofMinutes(3),
                        "npm",
                        "install",
                        "--no-audit",
                        "--no-fund",
                        PACKAGE);
        assumeTrue(
                install.exit() == 0,
                () -> "npm install " + PACKAGE + " failed: " + install.output());
    }

    record Result(int exit, String output) {}

    private static Result run(Path dir, Duration timeout, String... command)
            throws IOException, InterruptedException {
        Process process;
        try {
            process =
                    new ProcessBuilder(List.of(command))
                            .directory(dir.toFile())
                            .redirectErrorStream(true)
                            .start();
        } catch (IOException e) {
            return new Result(-1, e.getMessage());
        }
        process.getOutputStream().close();
        byte[][] output = new byte[1][];
        Thread reader =
                new Thread(
                        () -> {
                            try {
                                output[0] = process.getInputStream().readAllBytes();
                            } catch (IOException e) {
                                output[0] = new byte[0];
                            }
                        });
        reader.start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            reader.join(5000);
            return new Result(-1, String.join(" ", command) + " did not finish within " + timeout);
        }
        reader.join(5000);
        return new Result(
                process.exitValue(),
                new String(output[0] == null ? new byte[0] : output[0], StandardCharsets.UTF_8));
    }
}
