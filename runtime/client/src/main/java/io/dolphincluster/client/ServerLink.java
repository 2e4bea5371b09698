package io.dolphincluster.client;

import io.dolphincluster.protocol.wire.ConnectionLostException;
import io.dolphincluster.protocol.wire.FrameTooLargeException;
import io.dolphincluster.protocol.wire.Message;
import io.dolphincluster.protocol.wire.WireClient;
import io.netty.channel.EventLoopGroup;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A blocking view of one {@link WireClient} connection to one datanode: every failure that is a
 * reason to fail over (cannot connect, closed, no answer in time) is a {@link LinkFailure}.
 */
final class ServerLink implements AutoCloseable {
    private final SiteAddress site;
    private final WireClient wire;

    private ServerLink(SiteAddress site, WireClient wire) {
        this.site = site;
        this.wire = wire;
    }

    static ServerLink open(EventLoopGroup group, SiteAddress site, ClientOptions options)
            throws LinkFailure {
        CompletableFuture<WireClient> connecting =
                WireClient.connect(
                        group,
                        site.host(),
                        site.port(),
                        options.maxFrameBytes(),
                        options.connectTimeout(),
                        options.tls());
        try {
            return new ServerLink(
                    site,
                    await(
                            site,
                            connecting,
                            options.connectTimeout().plusSeconds(1),
                            "no connection"));
        } catch (LinkFailure | RuntimeException e) {
            connecting.thenAccept(WireClient::close); // should it still connect, late
            throw e;
        }
    }

    SiteAddress site() {
        return site;
    }

    boolean isOpen() {
        return wire.isOpen();
    }

    /**
     * Sends {@code request} and waits for its answer (an {@code ErrorReply} answer is returned, not
     * thrown).
     */
    Message call(Message request, Duration timeout) throws LinkFailure {
        CompletableFuture<Message> answer = wire.request(request);
        try {
            return await(site, answer, timeout, "no answer");
        } finally {
            answer.cancel(
                    false); // forgets the request if it is still waiting; no effect once answered
        }
    }

    @Override
    public void close() {
        wire.close();
    }

    private static <T> T await(
            SiteAddress site, CompletableFuture<T> future, Duration timeout, String what)
            throws LinkFailure {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new LinkFailure(site + ": " + what + " within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DBException("INTERRUPTED", "interrupted while waiting for " + site, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof FrameTooLargeException) {
                throw new DBException(
                        "BAD_REQUEST",
                        "the request is too large to send: "
                                + cause.getMessage()
                                + "; split it into smaller batches",
                        cause);
            }
            if (cause instanceof ConnectionLostException)
                throw new LinkFailure(cause.getMessage(), cause);
            throw new LinkFailure(site + ": " + cause, cause);
        }
    }
}
