package io.dolphincluster.runtime.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The current {@link TlsMaterial} of a process, re-read when any of its files changes (modification
 * time or size), so a certificate rotated on disk is used by the next handshake without a restart.
 * A change that does not load (a half-written rotation, a key that does not match) keeps the
 * previous material and logs why, once per change. Each version is a {@link Version} named by an
 * alias that stays valid while it is the current or the previous one, so a handshake that chose an
 * alias just before a reload still finds its key.
 */
public final class ReloadingMaterial {
    private static final Logger LOG = LoggerFactory.getLogger(ReloadingMaterial.class);

    /** One loaded version of the material, with the trust manager built from its CA. */
    public record Version(String alias, TlsMaterial material, X509ExtendedTrustManager trust) {}

    private final TlsFiles files;
    private final AtomicLong generation = new AtomicLong();
    private volatile Stamp stamp;
    private volatile Version current;
    private volatile Version previous;
    private volatile Stamp refused;

    /** Loads the files now; a problem is thrown, so a process does not start with bad material. */
    public ReloadingMaterial(TlsFiles files) throws TlsFileException {
        this.files = files;
        this.stamp = stampOf(files);
        this.current = version(TlsMaterial.load(files));
    }

    public TlsFiles files() {
        return files;
    }

    /** The material to use now, after re-reading the files if they changed. */
    public Version current() {
        Stamp now = stampOf(files);
        if (!now.equals(stamp) && !now.equals(refused)) reload(now);
        return current;
    }

    /** The version named {@code alias}, if it is still current or previous. */
    public Version byAlias(String alias) {
        Version c = current;
        if (c.alias().equals(alias)) return c;
        Version p = previous;
        return p != null && p.alias().equals(alias) ? p : null;
    }

    private synchronized void reload(Stamp now) {
        if (now.equals(stamp) || now.equals(refused)) return;
        try {
            Version next = version(TlsMaterial.load(files));
            previous = current;
            current = next;
            stamp = now;
            LOG.info(
                    "TLS certificate reloaded from {}: {} (valid until {})",
                    files.cert(),
                    next.material().chain().get(0).getSubjectX500Principal(),
                    next.material().chain().get(0).getNotAfter());
        } catch (TlsFileException e) {
            refused = now;
            LOG.warn(
                    "TLS files changed but are not usable, keeping the previous certificate: {}",
                    e.getMessage());
        }
    }

    private Version version(TlsMaterial material) throws TlsFileException {
        return new Version(
                "dolphin-" + generation.incrementAndGet(), material, trustManager(material.ca()));
    }

    private X509ExtendedTrustManager trustManager(List<java.security.cert.X509Certificate> cas)
            throws TlsFileException {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            for (int i = 0; i < cas.size(); i++) store.setCertificateEntry("ca-" + i, cas.get(i));
            TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
            factory.init(store);
            return (X509ExtendedTrustManager) factory.getTrustManagers()[0];
        } catch (GeneralSecurityException | IOException e) {
            throw new TlsFileException(
                    files.ca(),
                    "CA certificates the JDK can trust",
                    "the JDK refused them: " + e.getMessage());
        }
    }

    private record Stamp(List<Object> parts) {}

    private static Stamp stampOf(TlsFiles files) {
        return new Stamp(
                List.of(attributes(files.cert()), attributes(files.key()), attributes(files.ca())));
    }

    private static Object attributes(Path file) {
        try {
            // the real path too: a Kubernetes Secret volume swaps a symbolic link to a new
            // directory
            return List.of(
                    Files.getLastModifiedTime(file),
                    Files.size(file),
                    file.toRealPath().toString());
        } catch (IOException e) {
            return "missing";
        }
    }
}
