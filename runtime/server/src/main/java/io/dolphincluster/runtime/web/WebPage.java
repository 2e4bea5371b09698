package io.dolphincluster.runtime.web;

import io.dolphincluster.runtime.http.Access;
import io.dolphincluster.runtime.http.ApiException;
import io.dolphincluster.runtime.http.ApiResponse;
import io.dolphincluster.runtime.http.Route;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The cluster-management web page every controller serves: {@code GET /} is {@code index.html}, and
 * {@code GET /ui/{file}} its script and style sheet, all read from this package's classpath
 * resources. Plain HTML, JavaScript and CSS with nothing fetched from outside the cluster; the page
 * reads the JSON admin API of the controller that served it. A datanode serves its own page, {@code
 * datanode.html}: the login and the Notebook, running scripts on that datanode, with the same
 * script and style sheet. Only the files listed here are served.
 */
public final class WebPage {
    private static final Map<String, String> FILES =
            Map.of(
                    "index.html", "text/html; charset=utf-8",
                    "datanode.html", "text/html; charset=utf-8",
                    "app.js", "text/javascript; charset=utf-8",
                    "style.css", "text/css; charset=utf-8");

    private WebPage() {}

    public static List<Route> routes() {
        return List.of(
                new Route("GET", "/", Access.PUBLIC, r -> serve("index.html")),
                new Route("GET", "/index.html", Access.PUBLIC, r -> serve("index.html")),
                new Route("GET", "/ui/{file}", Access.PUBLIC, r -> serve(r.pathParam("file"))));
    }

    /**
     * A datanode's page: {@code GET /} is {@code datanode.html}; its script and style sheet as on a
     * controller.
     */
    public static List<Route> datanodeRoutes() {
        return List.of(
                new Route("GET", "/", Access.PUBLIC, r -> serve("datanode.html")),
                new Route("GET", "/ui/{file}", Access.PUBLIC, r -> serve(r.pathParam("file"))));
    }

    private static CompletableFuture<ApiResponse> serve(String file) {
        String contentType = FILES.get(file);
        if (contentType == null) throw new ApiException(404, "no such file: " + file);
        try (InputStream in = WebPage.class.getResourceAsStream(file)) {
            if (in == null) throw new ApiException(404, "no such file: " + file);
            return CompletableFuture.completedFuture(
                    ApiResponse.raw(
                            200,
                            contentType,
                            in.readAllBytes(),
                            Map.of(
                                    "Cache-Control",
                                    "no-cache",
                                    "X-Content-Type-Options",
                                    "nosniff")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
