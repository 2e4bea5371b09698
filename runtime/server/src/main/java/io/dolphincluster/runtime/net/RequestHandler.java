package io.dolphincluster.runtime.net;

import io.dolphincluster.protocol.wire.Message;
import java.util.concurrent.CompletableFuture;

/**
 * Serves the requests of authenticated connections ({@code Login} never reaches it). Called on a
 * Netty I/O thread: return quickly and do blocking work (disk, other nodes) elsewhere. Requests of
 * one connection may be in flight together; their answers may complete in any order.
 *
 * <p>Complete the future with the answer: an {@code ErrorReply} message is sent as it is; a future
 * failed with {@link RequestException} becomes an {@code ErrorReply} with its code and retryable
 * flag; any other failure (or a synchronous throw) becomes {@code ErrorReply{INTERNAL,
 * retryable=false}}. The connection stays open either way.
 */
@FunctionalInterface
public interface RequestHandler {
    CompletableFuture<? extends Message> handle(Session session, Message request);
}
