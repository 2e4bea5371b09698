package io.dolphincluster.runtime.config;

import io.dolphincluster.protocol.auth.ClusterCredential;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The {@code clusterSecretFile} key of {@code controller.cfg}, {@code agent.cfg} and a datanode's
 * file: the file that holds the cluster credential ({@link ClusterCredential}), by default {@value
 * #DEFAULT_FILE} beside the config file; a relative path is taken from the config file's directory.
 * A missing, unreadable or too short secret is a problem of that key, so the process does not start
 * and says which file and what it expected.
 */
public final class ClusterSecretKey {
    public static final String KEY = "clusterSecretFile";
    public static final String DEFAULT_FILE = "cluster.secret";

    private ClusterSecretKey() {}

    /**
     * The secret's file and its credential, or a {@code null} credential with the problem recorded
     * in {@code keys}.
     */
    record Provisioned(Path file, ClusterCredential credential) {}

    static Provisioned read(KeyReader keys) {
        String value = keys.optional(KEY, ValueParser.text(), null);
        Path file = fileOf(keys.path(), value);
        return new Provisioned(file, credential(keys, file, value));
    }

    private static ClusterCredential credential(KeyReader keys, Path file, String value) {
        String expected =
                "a file holding the cluster secret (at least "
                        + ClusterCredential.MIN_SECRET_CHARS
                        + " characters, the same file for every controller, agent and datanode of the cluster) at "
                        + file;
        try {
            return ClusterCredential.read(file);
        } catch (NoSuchFileException e) {
            keys.problem(
                    KEY,
                    expected
                            + ", which does not exist (create one: head -c 32 /dev/urandom | base64 > "
                            + file
                            + "; chmod 600 "
                            + file
                            + ")",
                    value);
        } catch (IOException e) {
            keys.problem(KEY, expected + ", which cannot be read: " + e, value);
        } catch (IllegalArgumentException e) {
            keys.problem(KEY, expected + ", which holds too short a secret", value);
        }
        return null;
    }

    /**
     * Where the secret file of the config file {@code config} is, given the key's value (null: the
     * default).
     */
    public static Path fileOf(Path config, String value) {
        Path dir = config.toAbsolutePath().getParent();
        return dir.resolve(value == null || value.isBlank() ? DEFAULT_FILE : value.strip())
                .normalize();
    }
}
