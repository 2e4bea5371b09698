package io.dolphincluster.runtime.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JVM command line {@code bin/dolphin} builds, the contract the operator relies on: {@code
 * DOLPHIN_HEAP_OPTS} replaces only the heap size, {@code DOLPHIN_JAVA_OPTS} comes after every
 * default so its options win. {@code JAVA} points at a stand-in that prints its arguments.
 */
class LauncherScriptTest {
    private static final Path SCRIPT = Path.of("src/dist/bin/dolphin").toAbsolutePath();
    private static final Path HOME = SCRIPT.getParent().getParent();
    private static final List<String> CLASS_PATH_AND_MAIN =
            List.of(
                    "-Ddolphin.home=" + HOME,
                    "-cp",
                    HOME + "/lib/*",
                    "io.dolphincluster.runtime.launcher.Main",
                    "-mode",
                    "controller",
                    "-config",
                    "config/controller.cfg");

    @TempDir Path dir;

    @Test
    void withoutVariablesTheDefaultsApply() throws Exception {
        assertThat(javaArguments(Map.of()))
                .isEqualTo(
                        expected("-Xmx512m", "-XX:+UseSerialGC", "-Dnetworkaddress.cache.ttl=5"));
    }

    @Test
    void heapOptionsReplaceOnlyTheHeapSize() throws Exception {
        assertThat(
                        javaArguments(
                                Map.of(
                                        "DOLPHIN_HEAP_OPTS",
                                        "-XX:MaxRAMPercentage=75 -XX:InitialRAMPercentage=50")))
                .isEqualTo(
                        expected(
                                "-XX:MaxRAMPercentage=75",
                                "-XX:InitialRAMPercentage=50",
                                "-XX:+UseSerialGC",
                                "-Dnetworkaddress.cache.ttl=5"));
    }

    @Test
    void javaOptionsComeAfterTheDefaultsSoTheyWin() throws Exception {
        assertThat(
                        javaArguments(
                                Map.of(
                                        "DOLPHIN_JAVA_OPTS",
                                        "-Dnetworkaddress.cache.ttl=30 -XX:+UseG1GC")))
                .isEqualTo(
                        expected(
                                "-Xmx512m",
                                "-XX:+UseSerialGC",
                                "-Dnetworkaddress.cache.ttl=5",
                                "-Dnetworkaddress.cache.ttl=30",
                                "-XX:+UseG1GC"));
    }

    @Test
    void bothVariablesTogether() throws Exception {
        assertThat(
                        javaArguments(
                                Map.of(
                                        "DOLPHIN_HEAP_OPTS",
                                        "-XX:MaxRAMPercentage=75",
                                        "DOLPHIN_JAVA_OPTS",
                                        "-Dfoo=bar")))
                .isEqualTo(
                        expected(
                                "-XX:MaxRAMPercentage=75",
                                "-XX:+UseSerialGC",
                                "-Dnetworkaddress.cache.ttl=5",
                                "-Dfoo=bar"));
    }

    private static List<String> expected(String... jvmOptions) {
        List<String> arguments = new ArrayList<>(List.of(jvmOptions));
        arguments.addAll(CLASS_PATH_AND_MAIN);
        return arguments;
    }

    /**
     * Runs the script with {@code environment} and a stand-in {@code java}; returns the arguments
     * it was given.
     */
    private List<String> javaArguments(Map<String, String> environment)
            throws IOException, InterruptedException {
        Path fakeJava = dir.resolve("java");
        Files.writeString(
                fakeJava,
                "#!/bin/sh\nfor argument in \"$@\"; do printf '%s\\n' \"$argument\"; done\n");
        Files.setPosixFilePermissions(fakeJava, PosixFilePermissions.fromString("rwx------"));
        ProcessBuilder builder =
                new ProcessBuilder(
                                "sh",
                                SCRIPT.toString(),
                                "-mode",
                                "controller",
                                "-config",
                                "config/controller.cfg")
                        .redirectErrorStream(true);
        builder.environment().keySet().removeAll(List.of("DOLPHIN_HEAP_OPTS", "DOLPHIN_JAVA_OPTS"));
        builder.environment().putAll(environment);
        builder.environment().put("JAVA", fakeJava.toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output.lines().toList();
    }
}
