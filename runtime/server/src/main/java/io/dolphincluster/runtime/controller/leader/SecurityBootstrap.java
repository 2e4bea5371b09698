package io.dolphincluster.runtime.controller.leader;

import io.dolphincluster.runtime.auth.PasswordHash;
import io.dolphincluster.runtime.controller.raft.LeadershipListener;
import io.dolphincluster.runtime.controller.raft.MetadataWriter;
import io.dolphincluster.runtime.metadata.ClusterMetadata;
import io.dolphincluster.runtime.metadata.CommandResult;
import io.dolphincluster.runtime.metadata.MetadataCommand;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On a leader of a cluster that has no users yet: creates the user {@code admin} (password from the
 * environment variable {@code DOLPHIN_ADMIN_PASSWORD}, else the seed's {@code 123456}). The command
 * is refused by the metadata once the user exists, so a later leader, or a retry of a commit whose
 * outcome was unknown, never replaces it. (The cluster secret is not the leader's to make: it is a
 * file provisioned beside every process's config.)
 */
public final class SecurityBootstrap implements LeadershipListener, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SecurityBootstrap.class);
    static final String ADMIN = "admin";
    static final String DEFAULT_ADMIN_PASSWORD = "123456";
    private static final int ATTEMPTS = 5;

    private final String alias;
    private final ClusterMetadata metadata;
    private final MetadataWriter writer;
    private final String adminPassword;
    private final boolean passwordFromEnvironment;
    private final ExecutorService executor =
            Executors.newSingleThreadExecutor(
                    r -> {
                        Thread thread = new Thread(r, "security-bootstrap");
                        thread.setDaemon(true);
                        return thread;
                    });
    private volatile long leaderTerm = -1;

    /**
     * @param environmentPassword the value of {@code DOLPHIN_ADMIN_PASSWORD}, or null when unset
     */
    public SecurityBootstrap(
            String alias,
            ClusterMetadata metadata,
            MetadataWriter writer,
            String environmentPassword) {
        this.alias = alias;
        this.metadata = metadata;
        this.writer = writer;
        this.passwordFromEnvironment =
                environmentPassword != null && !environmentPassword.isEmpty();
        this.adminPassword = passwordFromEnvironment ? environmentPassword : DEFAULT_ADMIN_PASSWORD;
    }

    @Override
    public void onLeaderReady(long term) {
        leaderTerm = term;
        executor.execute(() -> bootstrap(term));
    }

    @Override
    public void onNotLeader() {
        leaderTerm = -1;
    }

    private void bootstrap(long term) {
        for (int attempt = 1; attempt <= ATTEMPTS && leaderTerm == term; attempt++) {
            try {
                if (metadata.users().isEmpty()) {
                    String hash = PasswordHash.hash(adminPassword);
                    report(
                            commit(new MetadataCommand.SetUser(ADMIN, hash, true, "")),
                            "created user "
                                    + ADMIN
                                    + (passwordFromEnvironment
                                            ? " with the password from DOLPHIN_ADMIN_PASSWORD"
                                            : " with the default password"));
                }
                return;
            } catch (RuntimeException e) {
                log.warn(
                        "[{}] could not create the admin user (attempt {} of {}): {}",
                        alias,
                        attempt,
                        ATTEMPTS,
                        e.getMessage());
                sleepQuietly(1_000L * attempt);
            }
        }
    }

    private CommandResult commit(MetadataCommand command) {
        try {
            return writer.write(command).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        }
    }

    private void report(CommandResult result, String what) {
        if (result.applied()) log.info("[{}] {}", alias, what);
    }

    private static void sleepQuietly(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
