package io.dolphincluster.runtime.net;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the server's handlers share about one connection: its session once logged in, requests in
 * flight, closing.
 */
final class ConnectionState {
    private static final AttributeKey<ConnectionState> KEY =
            AttributeKey.valueOf("dolphin.connection");

    final AtomicInteger inFlight = new AtomicInteger();

    /** Set once the connection is being refused and closed; nothing more is read or answered. */
    final AtomicBoolean closing = new AtomicBoolean();

    volatile Session session;

    static ConnectionState of(Channel channel) {
        ConnectionState state = channel.attr(KEY).get();
        if (state == null) {
            state = new ConnectionState();
            channel.attr(KEY).set(state);
        }
        return state;
    }
}
