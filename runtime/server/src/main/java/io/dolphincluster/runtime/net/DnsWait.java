package io.dolphincluster.runtime.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves the host a process binds its ports to, waiting while DNS does not know it yet: a pod
 * runs before its own name is in DNS (a StatefulSet pod's name is published by its headless Service
 * once the pod has an address), and a process that gave up at once would only be restarted. Tries
 * again every {@link #RETRY_EVERY} until {@link #DEADLINE}; logs once when it starts waiting and
 * once when the name resolves. An IP literal never waits.
 */
public final class DnsWait {
    private static final Logger log = LoggerFactory.getLogger(DnsWait.class);

    public static final Duration RETRY_EVERY = Duration.ofSeconds(1);
    public static final Duration DEADLINE = Duration.ofMinutes(5);

    /** Looks a host up, as {@link InetAddress#getByName} does. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress resolve(String host) throws UnknownHostException;
    }

    /** The time the deadline is measured in, and how the wait between two attempts passes. */
    public interface Clock {
        long nanoTime();

        void sleep(Duration duration) throws InterruptedException;
    }

    private static final Clock SYSTEM_CLOCK =
            new Clock() {
                @Override
                public long nanoTime() {
                    return System.nanoTime();
                }

                @Override
                public void sleep(Duration duration) throws InterruptedException {
                    TimeUnit.NANOSECONDS.sleep(duration.toNanos());
                }
            };

    private final String alias;
    private final Resolver resolver;
    private final Clock clock;
    private final Duration deadline;

    /** Waits on the system's resolver and clock for up to {@link #DEADLINE}. */
    public DnsWait(String alias) {
        this(alias, InetAddress::getByName, SYSTEM_CLOCK, DEADLINE);
    }

    public DnsWait(String alias, Resolver resolver, Clock clock, Duration deadline) {
        this.alias = alias;
        this.resolver = resolver;
        this.clock = clock;
        this.deadline = deadline;
    }

    /**
     * The address of {@code host}, once DNS knows it.
     *
     * @throws UnknownHostException when it still does not resolve at the deadline; the message
     *     names the host, the time waited and the resolver's last answer
     */
    public InetAddress resolve(String host) throws UnknownHostException, InterruptedException {
        long start = clock.nanoTime();
        UnknownHostException last;
        try {
            return resolver.resolve(host);
        } catch (UnknownHostException e) {
            last = e;
        }
        log.info(
                "[{}] waiting for DNS to resolve {} (retrying every {} s for up to {} s)",
                alias,
                host,
                RETRY_EVERY.toSeconds(),
                deadline.toSeconds());
        while (clock.nanoTime() - start < deadline.toNanos()) {
            clock.sleep(RETRY_EVERY);
            try {
                InetAddress address = resolver.resolve(host);
                log.info(
                        "[{}] DNS resolved {} to {} after {} s",
                        alias,
                        host,
                        address.getHostAddress(),
                        TimeUnit.NANOSECONDS.toSeconds(clock.nanoTime() - start));
                return address;
            } catch (UnknownHostException e) {
                last = e;
            }
        }
        throw new UnknownHostException(
                host
                        + " did not resolve in DNS within "
                        + deadline.toSeconds()
                        + " s (last answer: "
                        + Objects.requireNonNullElse(last.getMessage(), "no address")
                        + ")");
    }
}
