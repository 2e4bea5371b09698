package io.dolphincluster.runtime.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.BindException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import org.junit.jupiter.api.Test;

/** What {@code dolphin: ... failed to start: } is followed by: never "null". */
class FailureTextTest {

    @Test
    void aFailureWithoutAMessageIsNamedByItsKind() {
        assertThat(FailureText.of(new UnresolvedAddressException()))
                .isEqualTo("UnresolvedAddressException");
    }

    @Test
    void aFailureWithAMessageGivesItsKindAndMessage() {
        assertThat(FailureText.of(new BindException("Address already in use")))
                .isEqualTo("BindException: Address already in use");
    }

    @Test
    void causesAreAddedUnlessTheTextSaysThemAlready() {
        UnknownHostException dns =
                new UnknownHostException("controller-0.controllers: Name or service not known");
        assertThat(FailureText.of(new IOException("cannot listen", dns)))
                .isEqualTo(
                        "IOException: cannot listen (caused by UnknownHostException: controller-0.controllers: Name or service not known)");
        assertThat(FailureText.of(new IOException(dns)))
                .as("the message is the cause's toString")
                .isEqualTo(
                        "IOException: java.net.UnknownHostException: controller-0.controllers: Name or service not known");
        assertThat(
                        FailureText.of(
                                new IllegalStateException(
                                        "bind failed", new UnresolvedAddressException())))
                .isEqualTo(
                        "IllegalStateException: bind failed (caused by UnresolvedAddressException)");
    }
}
