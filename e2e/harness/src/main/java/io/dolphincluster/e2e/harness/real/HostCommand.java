package io.dolphincluster.e2e.harness.real;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A short command run on this machine to set up or tear down a real node ({@code ip}, {@code ctr},
 * {@code iptables}, ...), waited for and its output captured. {@link #run} throws with the output
 * when the command fails; {@link #tryRun} only logs, for clean-up that must go on past a failure.
 */
final class HostCommand {
    private static final Logger LOG = LoggerFactory.getLogger(HostCommand.class);
    private static final long TIMEOUT_SECONDS = 300;

    private HostCommand() {}

    /**
     * Runs {@code command}; returns its output (stdout and stderr) or throws if it fails or hangs.
     */
    static String run(String... command) {
        Result result = exec(List.of(command));
        if (result.exitCode() != 0) {
            throw new IllegalStateException(
                    "'"
                            + String.join(" ", command)
                            + "' failed with exit code "
                            + result.exitCode()
                            + ": "
                            + result.output().strip());
        }
        return result.output();
    }

    /** Runs {@code command}; a failure is logged at debug level and reported as false. */
    static boolean tryRun(String... command) {
        try {
            Result result = exec(List.of(command));
            if (result.exitCode() != 0) {
                LOG.debug(
                        "[real-nodes] '{}' exited {}: {}",
                        String.join(" ", command),
                        result.exitCode(),
                        result.output().strip());
            }
            return result.exitCode() == 0;
        } catch (RuntimeException e) {
            LOG.debug("[real-nodes] '{}' failed: {}", String.join(" ", command), e.toString());
            return false;
        }
    }

    private static Result exec(List<String> command) {
        try {
            Process process =
                    new ProcessBuilder(command)
                            .redirectErrorStream(true)
                            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                            .start();
            // Read before waiting: a chatty command would block on a full pipe.
            String output =
                    new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(
                        "'"
                                + String.join(" ", command)
                                + "' still runs after "
                                + TIMEOUT_SECONDS
                                + " s");
            }
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }

    private record Result(int exitCode, String output) {}
}
