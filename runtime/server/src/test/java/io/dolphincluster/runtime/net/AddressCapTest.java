package io.dolphincluster.runtime.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.channel.embedded.EmbeddedChannel;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import org.junit.jupiter.api.Test;

/**
 * {@link AddressCap} on channels from chosen addresses (the real sockets: {@code
 * HttpServerLimitsTest}, {@code DataServerTest}).
 */
class AddressCapTest {
    private final AddressCap cap = new AddressCap("node1", "HTTP", 2);

    @Test
    void anAddressHoldsAtMostTheLimitWhateverItsPortsAndOthersAreNotTouched() {
        EmbeddedChannel first = from("10.0.0.1", 40001);
        EmbeddedChannel second = from("10.0.0.1", 40002);
        EmbeddedChannel third = from("10.0.0.1", 40003);
        EmbeddedChannel other = from("10.0.0.2", 40001);

        assertThat(first.isOpen()).isTrue();
        assertThat(second.isOpen()).isTrue();
        assertThat(third.isOpen()).as("the third from 10.0.0.1, closed at once").isFalse();
        assertThat(other.isOpen()).as("another address").isTrue();
        assertThat(cap.refused()).isEqualTo(1);
        assertThat(cap.addresses()).isEqualTo(2);
    }

    @Test
    void aClosedConnectionGivesItsSlotBackAndAnAddressWithNoneIsForgotten() {
        EmbeddedChannel first = from("10.0.0.1", 40001);
        EmbeddedChannel second = from("10.0.0.1", 40002);
        first.close();
        assertThat(from("10.0.0.1", 40003).isOpen()).isTrue();
        assertThat(from("10.0.0.1", 40004).isOpen()).isFalse();

        second.close();
        assertThat(cap.addresses()).as("one still open from 10.0.0.1").isEqualTo(1);
        assertThat(cap.refused()).isEqualTo(1);
    }

    @Test
    void aRefusedConnectionDoesNotCountAgainstItsAddress() {
        EmbeddedChannel first = from("10.0.0.1", 40001);
        from("10.0.0.1", 40002);
        for (int i = 0; i < 10; i++) from("10.0.0.1", 50000 + i);
        first.close();
        assertThat(from("10.0.0.1", 40003).isOpen())
                .as("ten refusals took nothing: the freed slot is there")
                .isTrue();
        assertThat(cap.refused()).isEqualTo(10);
    }

    @Test
    void aLimitBelowOneIsRefused() {
        assertThatThrownBy(() -> new AddressCap("node1", "HTTP", 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** A channel from {@code host:port} through the cap, activated. */
    private EmbeddedChannel from(String host, int port) {
        SocketAddress remote = new InetSocketAddress(host, port);
        return new EmbeddedChannel(cap) {
            @Override
            protected SocketAddress remoteAddress0() {
                return remote;
            }
        };
    }
}
