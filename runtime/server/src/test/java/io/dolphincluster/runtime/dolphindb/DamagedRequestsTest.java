package io.dolphincluster.runtime.dolphindb;

import static org.assertj.core.api.Assertions.assertThat;

import com.xxdb.DBConnection;
import com.xxdb.data.BasicInt;
import com.xxdb.data.BasicString;
import io.dolphincluster.runtime.dolphindb.wire.RequestMutations;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The request reader behind a live port, past the login: on each new connection a connect, a login,
 * a damaged request ({@link RequestMutations}) and a marker script are sent back to back; each
 * connection must end within a deadline, in the marker's reply (the damaged request was answered,
 * or its error was) or closed by the server (a malformed request, or one whose claimed length the
 * marker did not fill, dropped at the request timeout). Never a hang; afterwards the server serves
 * the official client as before.
 */
class DamagedRequestsTest {
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(1);
    private static final int DEADLINE_MILLIS = 10_000;
    private static final int ROUNDS = 120;

    private FrontEndFixture fixture;

    @BeforeEach
    void start() throws InterruptedException {
        fixture = new FrontEndFixture(REQUEST_TIMEOUT);
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void damagedRequestsOnLoggedInConnectionsEndAndTheServerKeepsServing() throws Exception {
        byte[] connect = "API 0 8 / 0_1_4_2\nconnect\n".getBytes(StandardCharsets.US_ASCII);
        byte[] login =
                RequestMutations.functionRequest(
                        "login", new BasicString("admin"), new BasicString("123456"));
        List<byte[]> seeds = RequestMutations.seeds();
        Random random = new Random(2024);
        int answered = 0;
        for (int round = 0; round < ROUNDS; round++) {
            String marker = "marker" + round;
            byte[] script = ("script\n\"" + marker + "\"").getBytes(StandardCharsets.US_ASCII);
            byte[] markerRequest =
                    ("API 0 "
                                    + script.length
                                    + " / 0_1_4_64\n"
                                    + new String(script, StandardCharsets.US_ASCII))
                            .getBytes(StandardCharsets.US_ASCII);
            byte[] damaged =
                    RequestMutations.mutate(seeds.get(random.nextInt(seeds.size())), random);
            try (Socket socket = new Socket("127.0.0.1", fixture.port())) {
                socket.setSoTimeout(DEADLINE_MILLIS);
                for (byte[] bytes : List.of(connect, login, damaged, markerRequest))
                    socket.getOutputStream().write(bytes);
                socket.getOutputStream().flush();
                if (readUntilMarkerOrEnd(socket.getInputStream(), marker, round, damaged))
                    answered++;
            }
        }
        assertThat(answered).as("some damaged requests still parse and are answered").isPositive();
        assertThat(answered).as("some are refused and close their connection").isLessThan(ROUNDS);

        DBConnection conn = fixture.connect();
        assertThat(((BasicInt) conn.run("1+1")).getInt()).isEqualTo(2);
        conn.close();
    }

    /**
     * True when the marker's reply came, false when the server closed the connection; fails on a
     * silent connection.
     */
    private static boolean readUntilMarkerOrEnd(
            InputStream in, String marker, int round, byte[] damaged) throws IOException {
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        long deadline = System.nanoTime() + Duration.ofMillis(DEADLINE_MILLIS).toNanos();
        while (System.nanoTime() < deadline) {
            int n;
            try {
                n = in.read(chunk);
            } catch (SocketTimeoutException e) {
                break;
            } catch (IOException e) {
                return false; // reset by the server: closed
            }
            if (n < 0) return false;
            seen.write(chunk, 0, n);
            if (seen.toString(StandardCharsets.ISO_8859_1).contains(marker)) return true;
        }
        throw new AssertionError(
                "round "
                        + round
                        + ": neither an answer nor a closed connection within "
                        + DEADLINE_MILLIS
                        + " ms after the damaged request "
                        + HexFormat.of().formatHex(damaged)
                        + "; received: "
                        + HexFormat.of().formatHex(seen.toByteArray()));
    }
}
