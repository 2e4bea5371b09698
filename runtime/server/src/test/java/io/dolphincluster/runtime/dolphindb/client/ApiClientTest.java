package io.dolphincluster.runtime.dolphindb.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dolphincluster.runtime.dolphindb.FrontEndFixtures;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Notebook's client against the front end, and the page's rendering of results. */
class ApiClientTest {
    @Test
    void runsScriptsAndRendersTablesForThePage() throws Exception {
        try (AutoCloseable fixture = FrontEndFixtures.start();
                ApiClient client =
                        ApiClient.connect(
                                "127.0.0.1",
                                FrontEndFixtures.port(fixture),
                                Duration.ofSeconds(10),
                                1 << 20)) {
            assertThatThrownBy(() -> client.run("1+1"))
                    .isInstanceOf(ApiClient.ServerError.class)
                    .hasMessageContaining("Login is required");
            assertThatThrownBy(() -> client.login("admin", "wrong"))
                    .hasMessageContaining("incorrect");
            client.login("admin", "123456");
            assertThat(ResultJson.of(client.run("getActiveMaster()")))
                    .containsEntry("form", "SCALAR")
                    .containsEntry("text", "controller1");
            assertThat(ResultJson.of(client.run("x = 1"))).containsEntry("form", "NOTHING");
            Map<String, Object> table =
                    ResultJson.of(
                            client.run("table(1 2 as id, `a`b as sym, [2024.01.01, NULL] as day)"));
            assertThat(table.get("columns")).isEqualTo(List.of("id", "sym", "day"));
            assertThat(table.get("types")).isEqualTo(List.of("INT", "STRING", "DATE"));
            assertThat(table.get("rows"))
                    .isEqualTo(List.of(List.of("1", "a", "2024.01.01"), List.of("2", "b", "")));
            assertThatThrownBy(() -> client.run("nope()"))
                    .isInstanceOf(ApiClient.ServerError.class);
            assertThat(ResultJson.of(client.run("1 2 3"))).containsEntry("text", "[1,2,3]");
        }
    }
}
