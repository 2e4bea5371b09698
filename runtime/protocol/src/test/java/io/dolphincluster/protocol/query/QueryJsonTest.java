package io.dolphincluster.protocol.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class QueryJsonTest {
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void selectQueryRoundTripsThroughJson() throws Exception {
        Query query =
                Query.from("dfs://trades", "quotes")
                        .select("sym", "price")
                        .where("date", Filter.Op.GE, "2024-01-02")
                        .where("price", Filter.Op.LT, 10.5)
                        .where("qty", Filter.Op.NE, 3)
                        .where("id", Filter.Op.EQ, 9_000_000_000L)
                        .where("flag", Filter.Op.EQ, true)
                        .limit(10);

        assertThat(json.readValue(json.writeValueAsString(query), Query.class)).isEqualTo(query);
    }

    @Test
    void aggregateQueryRoundTripsThroughJson() throws Exception {
        Query query =
                Query.from("dfs://trades", "quotes")
                        .aggregate(Aggregate.Fn.COUNT, null)
                        .aggregate(Aggregate.Fn.AVG, "price")
                        .groupBy("sym", "date");

        assertThat(json.readValue(json.writeValueAsString(query), Query.class)).isEqualTo(query);
    }

    @Test
    void datesAndTimestampsTravelAsPlainJsonScalars() throws Exception {
        Query query =
                Query.from("dfs://trades", "quotes")
                        .where("date", Filter.Op.EQ, LocalDate.of(2024, 1, 2))
                        .where("ts", Filter.Op.GT, Instant.parse("2024-01-02T10:00:00.5Z"));

        String text = json.writeValueAsString(query);

        assertThat(text).contains("\"2024-01-02\"").contains("\"2024-01-02T10:00:00.500Z\"");
        assertThat(json.readValue(text, Query.class)).isEqualTo(query);
    }

    @Test
    void readsHandWrittenJson() throws Exception {
        Query query =
                json.readValue(
                        "{\"database\":\"dfs://db\",\"table\":\"t\",\"where\":[{\"column\":\"ts\",\"op\":\"GE\",\"value\":1704189600000}],"
                                + "\"aggregates\":[{\"fn\":\"SUM\",\"column\":\"qty\"}],\"groupBy\":[\"sym\"]}",
                        Query.class);

        assertThat(query)
                .isEqualTo(
                        Query.from("dfs://db", "t")
                                .where("ts", Filter.Op.GE, 1704189600000L)
                                .aggregate(Aggregate.Fn.SUM, "qty")
                                .groupBy("sym"));
    }
}
