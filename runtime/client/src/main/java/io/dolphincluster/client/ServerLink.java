package io.dolphincluster.client;

import io.dolphincluster.protocol.wire.Envelope;
import io.dolphincluster.protocol.wire.Error;
import io.dolphincluster.protocol.wire.FrameTooLargeException;
import io.dolphincluster.protocol.wire.Message;
import io.dolphincluster.protocol.wire.WirePipeline;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One TCP connection to one datanode. Requests may be in flight together, each matched to its answer by request
 * id. When the connection closes, every waiting call fails with {@link LinkFailure} (naming the server's protocol
 * error if it sent one first).
 */
final class ServerLink implements AutoCloseable {
    private final SiteAddress site;
    private final Map<Long, CompletableFuture<Message>> pending = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private volatile Channel channel;
    private volatile String closeReason = "the connection was closed";

    private ServerLink(SiteAddress site) {
        this.site = site;
    }

    static ServerLink open(EventLoopGroup group, SiteAddress site, ClientOptions options) throws LinkFailure {
        ServerLink link = new ServerLink(site);
        ChannelFuture connect = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) options.connectTimeout().toMillis())
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        WirePipeline.addCodecs(ch.pipeline(), options.maxFrameBytes());
                        ch.pipeline().addLast(link.new Answers());
                    }
                })
                .connect(site.host(), site.port());
        if (!connect.awaitUninterruptibly(options.connectTimeout().toMillis() + 1000) || !connect.isSuccess()) {
            connect.channel().close();
            Throwable cause = connect.cause();
            throw new LinkFailure("cannot connect to " + site + (cause == null ? ": timed out" : ": " + cause.getMessage()), cause);
        }
        link.channel = connect.channel();
        return link;
    }

    SiteAddress site() {
        return site;
    }

    boolean isOpen() {
        return channel.isActive();
    }

    /** Sends {@code request} and waits for its answer (an {@link Error} answer is returned, not thrown). */
    Message call(Message request, Duration timeout) throws LinkFailure {
        if (!channel.isActive()) throw new LinkFailure(site + ": " + closeReason);
        long id = ids.incrementAndGet();
        CompletableFuture<Message> answer = new CompletableFuture<>();
        pending.put(id, answer);
        channel.writeAndFlush(new Envelope(id, request)).addListener(written -> {
            if (written.isSuccess()) return;
            Throwable cause = written.cause();
            if (cause != null && cause.getCause() instanceof FrameTooLargeException) {
                answer.completeExceptionally(new DBException("BAD_REQUEST", "the request is too large to send: " + cause.getCause().getMessage()
                        + "; split it into smaller batches"));
            } else {
                answer.completeExceptionally(new LinkFailure(site + ": sending failed: " + cause, cause));
            }
        });
        if (!channel.isActive()) failAll();  // closed between the check and the put
        try {
            return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new LinkFailure(site + ": no answer within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DBException("INTERRUPTED", "interrupted while waiting for " + site, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof LinkFailure) throw (LinkFailure) e.getCause();
            if (e.getCause() instanceof DBException) throw (DBException) e.getCause();
            throw new LinkFailure(site + ": " + e.getCause(), e.getCause());
        } finally {
            pending.remove(id);
        }
    }

    @Override
    public void close() {
        if (channel != null) channel.close().awaitUninterruptibly(1000);
    }

    private void failAll() {
        for (Long id : pending.keySet()) {
            CompletableFuture<Message> waiting = pending.remove(id);
            if (waiting != null) waiting.completeExceptionally(new LinkFailure(site + ": " + closeReason));
        }
    }

    /** Hands answers to their callers; a server error without a request (id 0) is the reason it is about to close. */
    private final class Answers extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            Envelope envelope = (Envelope) msg;
            CompletableFuture<Message> waiting = pending.remove(envelope.requestId());
            if (waiting != null) {
                waiting.complete(envelope.message());
            } else if (envelope.message() instanceof Error) {
                Error error = (Error) envelope.message();
                closeReason = "the server closed the connection: " + error.code() + " " + error.message();
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            failAll();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            closeReason = "the connection failed: " + cause;
            ctx.close();
        }
    }
}
