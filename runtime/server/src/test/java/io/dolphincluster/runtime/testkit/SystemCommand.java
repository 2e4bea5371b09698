package io.dolphincluster.runtime.testkit;

import java.io.IOException;
import java.util.List;

/**
 * Runs a system tool (ip, nft, kill) to its end and answers what it printed; a non-zero exit is an
 * exception.
 */
public final class SystemCommand {
    private SystemCommand() {}

    public static String run(List<String> command) throws IOException {
        return run(command, null);
    }

    /** Runs {@code command} with {@code input} (when not null) on its standard input. */
    public static String run(List<String> command, String input) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (var stdin = process.getOutputStream()) {
            if (input != null) stdin.write(input.getBytes());
        }
        String output = new String(process.getInputStream().readAllBytes());
        try {
            if (process.waitFor() != 0)
                throw new IOException(String.join(" ", command) + " failed: " + output.strip());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(String.join(" ", command) + " interrupted", e);
        }
        return output;
    }
}
