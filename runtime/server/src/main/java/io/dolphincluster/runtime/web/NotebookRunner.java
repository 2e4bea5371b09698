package io.dolphincluster.runtime.web;

import io.dolphincluster.runtime.auth.BasicCredentials;
import io.dolphincluster.runtime.dolphindb.client.ApiClient;
import io.dolphincluster.runtime.dolphindb.client.ResultJson;
import io.dolphincluster.runtime.http.ApiException;
import io.dolphincluster.runtime.http.ApiRequest;
import io.dolphincluster.runtime.http.ApiResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import javax.net.ssl.SSLSocketFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of the page's Notebook, on a controller's page or a datanode's: {@code POST /api/notebook
 * {"script", "datanode"}} runs the script on a datanode's data port through DolphinDB's API
 * protocol, logged in with the request's HTTP Basic credentials (the datanode checks them and
 * applies the user's role: the same interpreter, login and limits as any DolphinDB client), and
 * answers the result for the page ({@link ResultJson}) with the datanode's alias. 400 without a
 * script, 403 for a member node, 401 without credentials or when the datanode refuses them, 422
 * with the script's one-line error, 503 when the datanode does not answer (or, from the chooser, is
 * not up).
 */
public final class NotebookRunner {
    private static final Logger log = LoggerFactory.getLogger(NotebookRunner.class);
    static final Duration TIMEOUT = Duration.ofSeconds(60);
    static final long MAX_RESULT_BYTES = 64L << 20;

    /** A datanode to run scripts on: its alias and its data port's {@code host:port}. */
    public record Datanode(String alias, String site) {}

    record NotebookRequest(String script, String datanode) {}

    private final String alias;
    private final Executor executor;
    private final SSLSocketFactory tls;

    /**
     * @param alias the process serving the page (for its log); scripts run on {@code executor}
     * @param tls TLS to the datanodes' data ports (null: plain TCP)
     */
    public NotebookRunner(String alias, Executor executor, SSLSocketFactory tls) {
        this.alias = alias;
        this.executor = executor;
        this.tls = tls;
    }

    /**
     * Runs the request's script on the datanode {@code chooser} names for the request's {@code
     * datanode} field (null when it names none); the chooser may throw an {@link ApiException}.
     */
    public CompletableFuture<ApiResponse> run(
            ApiRequest request, Function<String, Datanode> chooser) {
        NotebookRequest body = request.bodyAs(NotebookRequest.class);
        if (body == null || body.script() == null || body.script().isBlank())
            throw ApiException.badRequest("a script is required");
        if (request.principal().isNode())
            throw new ApiException(
                    403, "the Notebook runs scripts as a user, not as a member node");
        BasicCredentials credentials =
                BasicCredentials.parse(request.header("Authorization"))
                        .orElseThrow(() -> new ApiException(401, "log in to run scripts"));
        Datanode datanode =
                chooser.apply(
                        body.datanode() == null || body.datanode().isBlank()
                                ? null
                                : body.datanode());
        return CompletableFuture.supplyAsync(
                () -> execute(datanode, credentials, body.script()), executor);
    }

    private ApiResponse execute(Datanode datanode, BasicCredentials credentials, String script) {
        int colon = datanode.site().lastIndexOf(':');
        try (ApiClient client =
                ApiClient.connect(
                        datanode.site().substring(0, colon),
                        Integer.parseInt(datanode.site().substring(colon + 1)),
                        TIMEOUT,
                        MAX_RESULT_BYTES,
                        tls)) {
            try {
                client.login(credentials.user(), credentials.password());
            } catch (ApiClient.ServerError e) {
                log.info(
                        "[{}] notebook login as {} refused by {}",
                        alias,
                        credentials.user(),
                        datanode.alias());
                throw new ApiException(401, e.getMessage());
            }
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("datanode", datanode.alias());
            answer.putAll(ResultJson.of(client.run(script)));
            return ApiResponse.ok(answer);
        } catch (ApiClient.ServerError e) {
            throw new ApiException(422, e.getMessage(), Map.of("datanode", datanode.alias()));
        } catch (IOException e) {
            throw ApiException.unavailable(
                    "datanode " + datanode.alias() + " did not answer: " + e.getMessage());
        }
    }
}
