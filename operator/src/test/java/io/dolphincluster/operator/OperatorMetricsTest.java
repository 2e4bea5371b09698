package io.dolphincluster.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OperatorMetricsTest {

    @Test
    void reconcileCountsAndDurationsAreServedAsPrometheusText() throws Exception {
        try (OperatorMetrics metrics = new OperatorMetrics().serve(0)) {
            Metrics josdk = metrics.josdkMetrics();
            josdk.timeControllerExecution(execution("reconcile", () -> "done"));
            assertThatThrownBy(
                            () ->
                                    josdk.timeControllerExecution(
                                            execution(
                                                    "reconcile",
                                                    () -> {
                                                        throw new IllegalStateException("boom");
                                                    })))
                    .hasRootCauseInstanceOf(IllegalStateException.class);

            HttpResponse<String> response =
                    HttpClient.newHttpClient()
                            .send(
                                    HttpRequest.newBuilder(
                                                    URI.create(
                                                            "http://127.0.0.1:"
                                                                    + metrics.port()
                                                                    + "/metrics"))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("content-type"))
                    .hasValue(OperatorMetrics.CONTENT_TYPE);
            assertThat(response.body())
                    .contains(
                            "# TYPE operator_sdk_controllers_execution_reconcile_seconds histogram")
                    .containsPattern(
                            "operator_sdk_controllers_execution_reconcile_seconds_count\\{[^}]*controller=\"dolphincluster\"[^}]*} 2")
                    .containsPattern(
                            "operator_sdk_controllers_execution_reconcile_success_total\\{[^}]*} 1")
                    .containsPattern(
                            "operator_sdk_controllers_execution_reconcile_failure_total\\{[^}]*} 1");
        }
    }

    private interface Body<T> {
        T run() throws Exception;
    }

    private static <T> Metrics.ControllerExecution<T> execution(String name, Body<T> body) {
        return new Metrics.ControllerExecution<>() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String controllerName() {
                return "dolphincluster";
            }

            @Override
            public String successTypeName(T result) {
                return "resource";
            }

            @Override
            public ResourceID resourceID() {
                return new ResourceID("c1", "ns");
            }

            @Override
            public Map<String, Object> metadata() {
                return Map.of();
            }

            @Override
            public T execute() throws Exception {
                return body.run();
            }
        };
    }
}
