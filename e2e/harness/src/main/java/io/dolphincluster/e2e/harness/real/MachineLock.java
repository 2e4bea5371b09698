package io.dolphincluster.e2e.harness.real;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One set of real nodes per machine at a time: they use fixed bridge names, the subnet
 * 10.244.0.0/16, port 53 on {@link NodeNetwork#DNS_ADDRESS} and the machine's iptables, where two
 * kube-proxies would overwrite each other's rules. Held (a lock on {@value #FILE}) from before the
 * network is set up until everything is torn down.
 */
final class MachineLock implements AutoCloseable {
    static final String FILE = "/tmp/dolphin-real-nodes.lock";
    private static final Logger LOG = LoggerFactory.getLogger(MachineLock.class);

    private final FileChannel channel;
    private final FileLock lock;

    private MachineLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static MachineLock acquire(Duration timeout) {
        try {
            FileChannel channel =
                    FileChannel.open(
                            Path.of(FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            long deadline = System.nanoTime() + timeout.toNanos();
            boolean logged = false;
            while (true) {
                FileLock lock = null;
                try {
                    lock = channel.tryLock();
                } catch (OverlappingFileLockException e) {
                    // Held by this JVM (another RealNodes): wait like for another process.
                }
                if (lock != null) {
                    return new MachineLock(channel, lock);
                }
                if (System.nanoTime() > deadline) {
                    channel.close();
                    throw new IllegalStateException(
                            "another run of real nodes holds "
                                    + FILE
                                    + " for more than "
                                    + timeout.toMinutes()
                                    + " min");
                }
                if (!logged) {
                    LOG.info(
                            "[real-nodes] waiting for {} (another run of real nodes on this machine)",
                            FILE);
                    logged = true;
                }
                RealNode.sleep(500);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + FILE, e);
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            LOG.warn("[real-nodes] cannot release {}: {}", FILE, e.toString());
        }
    }
}
