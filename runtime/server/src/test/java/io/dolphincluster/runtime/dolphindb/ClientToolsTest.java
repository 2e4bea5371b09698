package io.dolphincluster.runtime.dolphindb;

import static org.assertj.core.api.Assertions.assertThat;

import com.xxdb.DBConnection;
import com.xxdb.ExclusiveDBConnectionPool;
import com.xxdb.data.BasicLong;
import com.xxdb.multithreadedtablewriter.MultithreadedTableWriter;
import com.xxdb.route.PartitionedTableAppender;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The official API's writers: PartitionedTableAppender (over a connection pool) and
 * MultithreadedTableWriter.
 */
class ClientToolsTest {
    private FrontEndFixture fixture;
    private DBConnection conn;

    @BeforeEach
    void start() throws Exception {
        fixture = new FrontEndFixture(Duration.ofSeconds(30));
        conn = fixture.connect();
        conn.run(DfsScriptTest.CREATE);
    }

    @AfterEach
    void stop() {
        conn.close();
        fixture.close();
    }

    @Test
    void partitionedTableAppenderSplitsByPartitionOverAPool() throws Exception {
        ExclusiveDBConnectionPool pool =
                new ExclusiveDBConnectionPool(
                        "127.0.0.1", fixture.port(), "admin", "123456", 2, true, true);
        try {
            PartitionedTableAppender appender =
                    new PartitionedTableAppender("dfs://demo", "trades", "day", pool);
            assertThat(appender.append(DfsScriptTest.rows())).isEqualTo(6);
        } finally {
            pool.shutdown();
        }
        assertThat(
                        ((BasicLong)
                                        conn.run(
                                                "exec count(*) from loadTable('dfs://demo','trades')"))
                                .getLong())
                .isEqualTo(6);
        assertThat(conn.run("exec sum(qty) from loadTable('dfs://demo','trades')").getString())
                .isEqualTo("180");
    }

    @Test
    void multithreadedTableWriterWritesEveryRowOnce() throws Exception {
        MultithreadedTableWriter writer =
                new MultithreadedTableWriter(
                        "127.0.0.1",
                        fixture.port(),
                        "admin",
                        "123456",
                        "dfs://demo",
                        "trades",
                        false,
                        false,
                        null,
                        100,
                        0.01f,
                        2,
                        "day");
        for (int i = 0; i < 1000; i++) {
            var status =
                    writer.insert(
                            i,
                            i % 2 == 0,
                            i * 10,
                            (long) i * 100,
                            i + 0.5,
                            "S" + (i % 7),
                            "n" + i,
                            LocalDate.of(2024, 1, 1 + i % 3),
                            LocalDateTime.of(2024, 1, 1, 0, 0).plusSeconds(i));
            assertThat(status.hasError()).as(status.getErrorInfo()).isFalse();
        }
        writer.waitForThreadCompletion();
        MultithreadedTableWriter.Status status = writer.getStatus();
        assertThat(status.hasError()).as(status.toString()).isFalse();
        assertThat(status.sentRows).isEqualTo(1000);
        assertThat(
                        ((BasicLong)
                                        conn.run(
                                                "exec count(*) from loadTable('dfs://demo','trades')"))
                                .getLong())
                .isEqualTo(1000);
        assertThat(conn.run("exec sum(id) from loadTable('dfs://demo','trades')").getString())
                .isEqualTo(String.valueOf(999 * 1000 / 2));
    }
}
