package io.dolphincluster.runtime.dolphindb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.xxdb.DBConnection;
import com.xxdb.data.BasicBoolean;
import com.xxdb.data.BasicInt;
import com.xxdb.data.BasicString;
import com.xxdb.data.BasicTable;
import com.xxdb.data.Entity;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The official Java API against the front end over a real socket (an in-memory cluster behind it).
 */
class FrontEndTest {
    private FrontEndFixture fixture;

    @BeforeEach
    void start() throws InterruptedException {
        fixture = new FrontEndFixture(Duration.ofSeconds(30));
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void connectsWithEncryptedLoginAndRunsScripts() throws IOException {
        DBConnection conn = fixture.connect();
        assertThat(conn.run("getActiveMaster()").getString()).isEqualTo("controller1");
        assertThat(((BasicInt) conn.run("1+1")).getInt()).isEqualTo(2);
        Entity vector = conn.run("x = 1 2 3\nx * 2");
        assertThat(vector.getString()).isEqualTo("[2,4,6]");
        conn.close();
    }

    @Test
    void aWrongPasswordIsRefused() {
        DBConnection conn = new DBConnection();
        assertThatThrownBy(() -> conn.connect("127.0.0.1", fixture.port(), "admin", "wrong"))
                .hasMessageContaining("incorrect");
    }

    @Test
    void scriptsNeedALogin() throws IOException {
        DBConnection conn = new DBConnection();
        assertThat(conn.connect("127.0.0.1", fixture.port())).isTrue();
        assertThatThrownBy(() -> conn.run("1+1")).hasMessageContaining("Login is required");
        conn.login("admin", "123456", false);
        assertThat(((BasicInt) conn.run("1+1")).getInt()).isEqualTo(2);
        conn.close();
    }

    @Test
    void anUnsupportedConstructIsAOneLineErrorAndTheConnectionStays() throws IOException {
        DBConnection conn = fixture.connect();
        assertThatThrownBy(() -> conn.run("update t set x = 1"))
                .hasMessageContaining("Not supported by this server: the statement 'update'");
        assertThatThrownBy(() -> conn.run("nosuchfunction(1)"))
                .hasMessageContaining("Can't recognize function name nosuchfunction");
        assertThat(((BasicInt) conn.run("3")).getInt()).isEqualTo(3);
        conn.close();
    }

    @Test
    void garbageClosesOnlyThatConnection() throws IOException {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", fixture.port())) {
            socket.getOutputStream()
                    .write(
                            "API 0 notanumber\n"
                                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String reply =
                    new String(
                            socket.getInputStream().readAllBytes(),
                            java.nio.charset.StandardCharsets.UTF_8);
            assertThat(reply)
                    .startsWith("0 0 1\nInvalid request: a body length that is not a number");
        }
        DBConnection conn = fixture.connect();
        assertThat(((BasicInt) conn.run("1+1")).getInt()).isEqualTo(2);
        conn.close();
    }

    @Test
    void theHaClientLearnsTheDatanodes() throws IOException {
        DBConnection conn = new DBConnection();
        assertThat(conn.connect("127.0.0.1", fixture.port(), "admin", "123456", "", true)).isTrue();
        BasicTable perf = (BasicTable) conn.run("getClusterPerf", List.of());
        assertThat(perf.rows()).isEqualTo(2);
        assertThat(((BasicBoolean) conn.run("isClientAuth", List.of())).getBoolean()).isTrue();
        assertThat(((BasicString) conn.run("version", List.of())).getString()).startsWith("3.");
        conn.close();
    }
}
