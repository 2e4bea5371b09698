package io.dolphincluster.runtime.config;

import io.dolphincluster.runtime.tls.ClusterTls;
import io.dolphincluster.runtime.tls.NodeCertificateFiles;
import io.dolphincluster.runtime.tls.TlsFileException;
import io.dolphincluster.runtime.tls.TlsFiles;
import java.nio.file.Path;

/**
 * The TLS keys of {@code controller.cfg}, {@code agent.cfg} and a datanode's file: {@value #ENABLE}
 * (DolphinDB's name; default false; the same on every process of a cluster) turns TLS on for the
 * process's HTTP API, data port, Raft port and its calls to other members; {@value #CERT} (default
 * {@code tls/tls.crt}), {@value #KEY} ({@code tls/tls.key}, PEM PKCS#8) and {@value #CA} ({@code
 * tls/ca.crt}) name its files, relative paths taken from the config file's directory: the file
 * names of a Kubernetes {@code kubernetes.io/tls} Secret with {@code ca.crt}, mounted as {@code
 * tls/}. With TLS on, a missing, unreadable or invalid file is a problem of its key, so the process
 * does not start and says which file and what it expected.
 */
public final class TlsKeys {
    public static final String ENABLE = "enableHTTPS";
    public static final String CERT = "tlsCertFile";
    public static final String KEY = "tlsKeyFile";
    public static final String CA = "tlsCaFile";
    static final String DEFAULT_DIR = "tls";

    private TlsKeys() {}

    /**
     * The process's TLS: off unless {@value #ENABLE} is true; a bad file is recorded in {@code
     * keys} (TLS then off).
     */
    static ClusterTls read(KeyReader keys) {
        boolean enabled = keys.optional(ENABLE, ValueParser.bool(), false);
        String cert = keys.optional(CERT, ValueParser.text(), null);
        String key = keys.optional(KEY, ValueParser.text(), null);
        String ca = keys.optional(CA, ValueParser.text(), null);
        if (!enabled) return ClusterTls.off();
        TlsFiles files =
                new TlsFiles(
                        fileOf(keys.path(), cert, NodeCertificateFiles.CERT),
                        fileOf(keys.path(), key, NodeCertificateFiles.KEY),
                        fileOf(keys.path(), ca, NodeCertificateFiles.CA));
        try {
            return ClusterTls.on(files);
        } catch (TlsFileException e) {
            String failed =
                    e.file().equals(files.cert()) ? CERT : e.file().equals(files.key()) ? KEY : CA;
            String value = failed.equals(CERT) ? cert : failed.equals(KEY) ? key : ca;
            keys.problem(
                    failed,
                    e.expected() + " at " + e.file() + " (" + ENABLE + "=true), but " + e.found(),
                    value);
            return ClusterTls.off();
        }
    }

    /**
     * The lines that give a datanode's file the same TLS as {@code tls} (absolute paths); none when
     * off.
     */
    public static java.util.List<String> lines(ClusterTls tls) {
        if (!tls.enabled()) return java.util.List.of();
        TlsFiles files = tls.files();
        return java.util.List.of(
                ENABLE + "=true",
                CERT + "=" + files.cert(),
                KEY + "=" + files.key(),
                CA + "=" + files.ca());
    }

    private static Path fileOf(Path config, String value, String defaultName) {
        Path dir = config.toAbsolutePath().getParent();
        return dir.resolve(
                        value == null || value.isBlank()
                                ? DEFAULT_DIR + "/" + defaultName
                                : value.strip())
                .normalize();
    }
}
