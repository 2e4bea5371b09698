package io.dolphincluster.runtime.testkit;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the built distribution is ({@code runtime/target/dolphin}, set by the failsafe
 * configuration).
 */
final class Distribution {
    private Distribution() {}

    static Path launcher() {
        String configured = System.getProperty("dolphin.distribution");
        Path home = configured != null ? Path.of(configured) : Path.of("target/dolphin");
        Path launcher = home.resolve("bin/dolphin").toAbsolutePath();
        if (!Files.isExecutable(launcher)) {
            throw new IllegalStateException(
                    launcher
                            + " is missing: run 'mvn package' (integration tests use the distribution)");
        }
        return launcher;
    }
}
