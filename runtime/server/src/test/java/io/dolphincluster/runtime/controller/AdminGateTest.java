package io.dolphincluster.runtime.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.dolphincluster.runtime.AsyncFailure;
import io.dolphincluster.runtime.auth.BasicCredentials;
import io.dolphincluster.runtime.auth.PasswordHash;
import io.dolphincluster.runtime.http.ApiException;
import io.dolphincluster.runtime.http.ApiRequest;
import io.dolphincluster.runtime.http.ApiResponse;
import io.dolphincluster.runtime.metadata.ClusterMetadata;
import io.dolphincluster.runtime.metadata.MetadataCommand;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AdminGateTest {
    private final ClusterMetadata metadata = new ClusterMetadata();
    private final AtomicInteger actions = new AtomicInteger();

    @BeforeEach
    void users() {
        metadata.apply(new MetadataCommand.SetUser("admin", PasswordHash.hash("s3cret"), true, null));
        metadata.apply(new MetadataCommand.SetUser("guest", PasswordHash.hash("guest"), false, null));
    }

    @Test
    void withoutTheSettingARequestWithoutCredentialsPassesButCredentialsAreAlwaysChecked() {
        AdminGate gate = new AdminGate("c1", metadata, Runnable::run, false);
        assertThat(run(gate, request(null, false)).status()).isEqualTo(200);
        assertThat(status(gate, request(new BasicCredentials("admin", "wrong"), false))).isEqualTo(401);
        assertThat(status(gate, request(new BasicCredentials("nobody", "s3cret"), false))).isEqualTo(401);
        assertThat(status(gate, request(new BasicCredentials("guest", "guest"), false))).isEqualTo(403);
        assertThat(run(gate, request(new BasicCredentials("admin", "s3cret"), false)).status()).isEqualTo(200);
        assertThat(actions).as("only the two accepted requests acted").hasValue(2);
    }

    @Test
    void whenRequiredARequestWithoutCredentialsIsRefusedAndAskedForThem() {
        AdminGate gate = new AdminGate("c1", metadata, Runnable::run, true);
        ApiException refused = refusal(gate, request(null, false));
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.headers()).containsKey("WWW-Authenticate");
        assertThat(refusal(gate, request(null, true)).headers()).as("the page's own calls get no browser dialog").isEmpty();
        assertThat(run(gate, request(new BasicCredentials("admin", "s3cret"), true)).status()).isEqualTo(200);
        assertThat(actions).hasValue(1);
    }

    private ApiResponse run(AdminGate gate, ApiRequest request) {
        return gate.run(request, () -> {
            actions.incrementAndGet();
            return CompletableFuture.completedFuture(ApiResponse.ok(Map.of("done", true)));
        }).join();
    }

    private int status(AdminGate gate, ApiRequest request) {
        return refusal(gate, request).status();
    }

    private ApiException refusal(AdminGate gate, ApiRequest request) {
        try {
            run(gate, request);
        } catch (CompletionException e) {
            return (ApiException) AsyncFailure.cause(e);
        }
        throw new AssertionError("the request was not refused");
    }

    private static ApiRequest request(BasicCredentials credentials, boolean fromPage) {
        Map<String, String> headers = new HashMap<>();
        if (credentials != null) headers.put("authorization", credentials.header());
        if (fromPage) headers.put("x-requested-with", "fetch");
        return new ApiRequest("POST", "/api/datanodes/d1/stop", "/api/datanodes/d1/stop", Map.of(), Map.of(), new byte[0], headers);
    }
}
