package io.dolphincluster.runtime.net;

import io.dolphincluster.runtime.LogThrottle;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounds the connections one client address (the IP, any port) holds open at once on a server port,
 * so one client cannot take all of the port's {@link ConnectionCap}: a connection that would be one
 * more than {@code maxPerAddress} from its address is closed as soon as it opens, before any byte
 * is read, and counted ({@link #refused()}); a warning naming the address is logged at most every
 * 10 s. Used as a handler (the first of every accepted connection, shared by all) or through {@link
 * #admit} by a server that decides in its initializer. Nobody is exempt: the decision is taken
 * before a byte tells who the client is, and a loopback address is no proof of a member.
 */
@ChannelHandler.Sharable
public final class AddressCap extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(AddressCap.class);

    private final String alias;
    private final String port;
    private final int maxPerAddress;
    private final ConcurrentHashMap<Object, Integer> open = new ConcurrentHashMap<>();
    private final AtomicLong refused = new AtomicLong();
    private final LogThrottle warnings = LogThrottle.everyTenSeconds();

    /**
     * @param port what the port serves, for the log ("HTTP", "data")
     */
    public AddressCap(String alias, String port, int maxPerAddress) {
        if (maxPerAddress < 1) throw new IllegalArgumentException("maxPerAddress must be >= 1");
        this.alias = alias;
        this.port = port;
        this.maxPerAddress = maxPerAddress;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (!admit(ctx.channel())) {
            ctx.close();
            return;
        }
        ctx.fireChannelActive();
    }

    /**
     * Counts {@code channel} towards its address and returns true, or, when its address holds
     * {@code maxPerAddress} already, counts a refusal and returns false (the caller closes it). An
     * admitted channel is uncounted when it closes.
     */
    public boolean admit(Channel channel) {
        Object address = addressOf(channel.remoteAddress());
        if (open.merge(address, 1, Integer::sum) > maxPerAddress) {
            release(address);
            warn(address, refused.incrementAndGet());
            return false;
        }
        channel.closeFuture().addListener(f -> release(address));
        return true;
    }

    private void release(Object address) {
        open.computeIfPresent(address, (key, count) -> count > 1 ? count - 1 : null);
    }

    /** The IP of an internet address (its port ignored); any other address as it is. */
    private static Object addressOf(SocketAddress remote) {
        return remote instanceof InetSocketAddress inet && inet.getAddress() != null
                ? inet.getAddress()
                : String.valueOf(remote);
    }

    private void warn(Object address, long total) {
        if (warnings.due()) {
            LOG.warn(
                    "[{}] {} port: {} holds {} connections, the limit per address: closing its new ones "
                            + "({} refused so far, from it and maybe other addresses)",
                    alias,
                    port,
                    address instanceof InetAddress ip ? ip.getHostAddress() : address,
                    maxPerAddress,
                    total);
        }
    }

    /** Addresses with a connection open now. */
    public int addresses() {
        return open.size();
    }

    /** Connections closed at once because their address held {@code maxPerAddress} already. */
    public long refused() {
        return refused.get();
    }
}
