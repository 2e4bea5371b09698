package io.dolphincluster.e2e.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A build of the Kubernetes binaries that {@code e2e/scripts/install-kube.sh --background} left
 * running ({@code bin/test} starts one on a machine without them, so that the compile overlaps the
 * tests that need no Kubernetes). The build holds {@code kube-build.lock} in its cache root with
 * flock(1) until it ends; this waits on the same lock. Java's own file locks are fcntl locks, which
 * Linux keeps apart from flock's, so the lock is taken with the flock command.
 */
final class BackgroundKubeBuild {
    static final String LOCK = "kube-build.lock";
    static final String LOG = "kube-build.log";

    private final Path cacheRoot;

    BackgroundKubeBuild(Path cacheRoot) {
        this.cacheRoot = cacheRoot;
    }

    Path log() {
        return cacheRoot.resolve(LOG);
    }

    /**
     * Returns at once, false, when no build holds the lock; otherwise waits for the build to end
     * and returns true. Throws when it is still running after {@code timeout}.
     */
    boolean awaitEnd(Duration timeout) {
        Path lock = cacheRoot.resolve(LOCK);
        if (!Files.exists(lock) || flock(lock, "-n") == 0) {
            return false;
        }
        System.err.printf(
                "[KubeBinaries] waiting up to %d min for the Kubernetes build running in the"
                        + " background (log: %s)%n",
                timeout.toMinutes(), log());
        if (flock(lock, "-w", Long.toString(timeout.toSeconds())) != 0) {
            throw new IllegalStateException(
                    "the Kubernetes build in the background still runs after "
                            + timeout.toMinutes()
                            + " min; its log: "
                            + log());
        }
        return true;
    }

    private static int flock(Path lock, String... options) {
        List<String> command = new ArrayList<>(List.of("flock"));
        command.addAll(List.of(options));
        command.addAll(List.of(lock.toString(), "true"));
        try {
            return new ProcessBuilder(command).inheritIO().start().waitFor();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run flock(1) on " + lock + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for " + lock, e);
        }
    }
}
