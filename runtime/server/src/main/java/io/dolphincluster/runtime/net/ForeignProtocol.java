package io.dolphincluster.runtime.net;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelPipeline;
import java.util.List;

/**
 * Another protocol served on a {@link DataServer}'s port or an {@code HttpApiServer}'s, recognised
 * by a connection's first {@value ProtocolSniffer#PREFIX_BYTES} bytes, which the port's own
 * protocol never starts with (the project's frames start with a 4-byte big-endian length, which no
 * text protocol's first bytes make a valid one of; HTTP with a method name).
 */
public interface ForeignProtocol {
    /**
     * Whether a connection whose first bytes are {@code prefix} (readable, at least 4 bytes; do not
     * consume) speaks it.
     */
    boolean matches(ByteBuf prefix);

    /**
     * Adds the protocol's handlers at the end of {@code pipeline}, whose only handler before them
     * is the idle-state handler (its events reach them). They own the connection from then on,
     * including its limits: bad input must close only that connection.
     */
    void install(ChannelPipeline pipeline);

    /**
     * On an HTTP port ({@code HttpApiServer}), for a connection that speaks HTTP: may add handlers
     * before the pipeline's last one (the routes), which see every request, pass on those they do
     * not take, and may take the connection over when a request asks to upgrade it (e.g. to a
     * WebSocket). Adds none by default.
     */
    default void installBesideHttp(ChannelPipeline pipeline) {}

    /**
     * Connections this protocol closed as soon as it was chosen because too many were waiting to
     * log in; the port adds them to its own refusals in {@code /metrics}. None by default.
     */
    default long refusedLogins() {
        return 0;
    }

    /** The login refusals of every protocol of {@code protocols}, for their port's counters. */
    static long refusedLogins(List<ForeignProtocol> protocols) {
        return protocols.stream().mapToLong(ForeignProtocol::refusedLogins).sum();
    }
}
