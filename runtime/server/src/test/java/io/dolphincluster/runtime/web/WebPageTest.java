package io.dolphincluster.runtime.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.dolphincluster.runtime.http.HttpApiServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebPageTest {
    private final HttpClient client = HttpClient.newHttpClient();
    private HttpApiServer server;

    @BeforeEach
    void start() throws InterruptedException {
        server =
                HttpApiServer.start(
                        "test",
                        new InetSocketAddress("127.0.0.1", 0),
                        WebPage.routes(),
                        r ->
                                java.util.concurrent.CompletableFuture.failedFuture(
                                        new IllegalStateException(
                                                "the page's files need no login")));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void servesThePageItsScriptAndStyleWithTheirTypesAndNothingElse() throws Exception {
        HttpResponse<String> page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("content-type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.body())
                .contains("<script src=\"/ui/app.js\"></script>")
                .doesNotContain("http://", "https://");
        assertThat(get("/ui/app.js").headers().firstValue("content-type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/javascript"));
        assertThat(get("/ui/app.js").body()).contains("/api/datanodes/").doesNotContain("https://");
        assertThat(get("/ui/style.css").headers().firstValue("content-type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/css"));
        assertThat(get("/ui/WebPage.class").statusCode()).isEqualTo(404);
        assertThat(get("/ui/..%2FWebPage.class").statusCode()).isEqualTo(404);
    }

    private HttpResponse<String> get(String path) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + server.address().getPort() + path);
        return client.send(
                HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }
}
