package io.dolphincluster.runtime.dolphindb;

import static org.assertj.core.api.Assertions.assertThat;

import com.xxdb.DBConnection;
import com.xxdb.data.BasicInt;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * DolphinDB's protocol on a datanode's data port keeps the port's login rule: a connection of
 * either flavour (TCP, WebSocket) that has not logged in within the login timeout is closed; one
 * that logged in stays.
 */
class DatanodeLoginDeadlineTest {
    private static final Duration LOGIN_TIMEOUT = Duration.ofMillis(500);
    private FrontEndFixture fixture;

    @BeforeEach
    void start() throws InterruptedException {
        fixture = new FrontEndFixture(Duration.ofSeconds(30), LOGIN_TIMEOUT);
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void aTcpConnectionThatNeverLogsInIsClosed() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", fixture.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("API ".getBytes(StandardCharsets.US_ASCII));
            assertClosedWithin(socket.getInputStream(), LOGIN_TIMEOUT.multipliedBy(6));
        }
    }

    @Test
    void aWebSocketThatNeverLogsInIsClosed() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", fixture.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream()
                    .write(
                            ("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                                            + "Connection: Upgrade\r\n"
                                            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                                            + "Sec-WebSocket-Version: 13\r\n\r\n")
                                    .getBytes(StandardCharsets.US_ASCII));
            assertClosedWithin(socket.getInputStream(), LOGIN_TIMEOUT.multipliedBy(6));
        }
    }

    @Test
    void aConnectionThatLoggedInOutlivesTheDeadline() throws Exception {
        DBConnection conn = fixture.connect();
        long past = System.nanoTime() + LOGIN_TIMEOUT.multipliedBy(3).toNanos();
        org.awaitility.Awaitility.await()
                .pollInterval(Duration.ofMillis(100))
                .atMost(Duration.ofSeconds(5))
                .until(() -> System.nanoTime() > past);
        assertThat(((BasicInt) conn.run("1+1")).getInt()).isEqualTo(2);
        conn.close();
    }

    /** Reads (and drops) what the server sends until it closes, failing past {@code bound}. */
    private static void assertClosedWithin(InputStream in, Duration bound) throws IOException {
        long start = System.nanoTime();
        byte[] buffer = new byte[4096];
        while (in.read(buffer) >= 0) {
            // the WebSocket handshake's reply, if any
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(bound);
    }
}
