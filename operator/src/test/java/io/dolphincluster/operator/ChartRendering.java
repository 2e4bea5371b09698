package io.dolphincluster.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Helm chart rendered without helm: {@code charts/render.sh} (Go text/template + sprig v3,
 * Helm's own engine; Debian's golang-go, golang-github-masterminds-sprig-dev and
 * golang-gopkg-yaml.v3-dev), as the operator module's tests see it.
 */
final class ChartRendering {
    static final String CHART = "../charts/dolphincluster-operator";

    private ChartRendering() {}

    /**
     * The rendered YAML of every template, for a release in {@code namespace}; extra arguments such
     * as -f values.
     */
    static String render(String namespace, String... extraArgs)
            throws IOException, InterruptedException {
        List<String> command =
                new ArrayList<>(
                        List.of("bash", "../charts/render.sh", CHART, "-namespace", namespace));
        command.addAll(List.of(extraArgs));
        Path output = Files.createTempFile("chart", ".yaml");
        Process process =
                new ProcessBuilder(command)
                        .redirectOutput(output.toFile())
                        .redirectError(ProcessBuilder.Redirect.INHERIT)
                        .start();
        try {
            assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("render finished").isTrue();
            assertThat(process.exitValue()).as("render exit code").isZero();
            return Files.readString(output);
        } finally {
            process.destroyForcibly();
            Files.deleteIfExists(output);
        }
    }
}
