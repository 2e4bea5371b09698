package io.dolphincluster.runtime.datanode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.dolphincluster.client.DBConnection;
import io.dolphincluster.client.DBException;
import io.dolphincluster.runtime.testkit.ControllerClusters;
import io.dolphincluster.runtime.testkit.DataCluster;
import io.dolphincluster.runtime.testkit.DatanodeProcess;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A real datanode process facing hostile clients: a wrong password is refused and logged; thousands
 * of connections sending random bytes, random frames and oversized length prefixes (the last two
 * closed by the server at once), and the datanode keeps serving good clients afterwards.
 */
class HostileClientsIT {
    @RegisterExtension final ControllerClusters clusters = new ControllerClusters();

    @Test
    void wrongPasswordsAndGarbageNeitherCrashNorWedgeADatanode() throws Exception {
        DataCluster cluster = clusters.createData(1, Map.of(), 1);
        cluster.startAll(Duration.ofSeconds(90));
        DatanodeProcess datanode = cluster.datanode("datanode1");

        DBException refused =
                catchThrowableOfType(
                        DBException.class,
                        () -> {
                            try (DBConnection connection = new DBConnection()) {
                                connection.connect(
                                        datanode.host(),
                                        datanode.port(),
                                        "admin",
                                        "wrong-password",
                                        "",
                                        false);
                            }
                        });
        assertThat(refused.code()).isEqualTo("AUTH");
        assertThat(datanode.log()).contains("login refused for user admin from");
        assertThat(datanode.log()).doesNotContain("wrong-password");

        Random random = new Random(42);
        for (int i = 0; i < 3000; i++) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(datanode.host(), datanode.port()), 5000);
                socket.setSoTimeout(10_000);
                DataOutputStream out = new DataOutputStream(socket.getOutputStream());
                switch (i % 3) {
                    case 0 -> { // random bytes
                        byte[] junk = new byte[1 + random.nextInt(512)];
                        random.nextBytes(junk);
                        out.write(junk);
                    }
                    case 1 ->
                            out.writeInt(
                                    Integer.MAX_VALUE
                                            - random.nextInt(1000)); // an oversized length prefix
                    default -> { // a well-framed message of a random type with a random payload
                        byte[] payload = new byte[random.nextInt(64)];
                        random.nextBytes(payload);
                        out.writeInt(10 + payload.length);
                        out.writeByte(1);
                        out.writeByte(random.nextInt(256));
                        out.writeLong(random.nextLong());
                        out.write(payload);
                    }
                }
                out.flush();
                // Random bytes may read as a small length prefix that waits for more (the frame
                // timeout ends
                // those); framed garbage and oversized prefixes must be answered by a close at
                // once.
                if (i % 3 != 0) awaitClosed(socket.getInputStream());
            }
        }

        assertThat(datanode.isAlive()).isTrue();
        try (DBConnection connection = new DBConnection()) {
            connection.connect(datanode.host(), datanode.port(), "admin", "123456", "", false);
            assertThat(connection.getActiveMaster()).isEqualTo("controller1");
        }
    }

    /**
     * Reads (an error frame, perhaps) until the server closes the connection; a wedged server fails
     * the read timeout.
     */
    private static void awaitClosed(InputStream in) throws IOException {
        byte[] buffer = new byte[1024];
        try {
            while (in.read(buffer) >= 0) {
                // drain
            }
        } catch (java.net.SocketException e) {
            // reset by the server: closed as well
        }
    }
}
