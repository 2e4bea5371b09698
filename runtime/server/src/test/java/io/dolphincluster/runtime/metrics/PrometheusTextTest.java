package io.dolphincluster.runtime.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    @Test
    void writesFamiliesThatParseWithEscapedLabels() {
        PrometheusText text =
                new PrometheusText()
                        .family("dolphin_nodes", "gauge", "nodes\nby state")
                        .sample(
                                "dolphin_nodes",
                                PrometheusText.labels("node", "a\"b\\c\nd", "state", "UP"),
                                3)
                        .single("dolphin_ratio", "gauge", "a ratio", 0.25);
        PrometheusTextParser.Parsed parsed = PrometheusTextParser.parse(text.toString());
        assertThat(parsed.types())
                .containsEntry("dolphin_nodes", "gauge")
                .containsEntry("dolphin_ratio", "gauge");
        assertThat(parsed.value("dolphin_nodes", "node", "a\"b\\c\nd")).isEqualTo(3);
        assertThat(parsed.value("dolphin_ratio")).isEqualTo(0.25);
        assertThat(text.toString())
                .contains("dolphin_nodes{node=\"a\\\"b\\\\c\\nd\",state=\"UP\"} 3\n");
    }

    @Test
    void aHistogramIsCumulativeAndCountsEveryRecord() {
        LatencyHistogram histogram = new LatencyHistogram();
        histogram.record(500_000); // 0.5 ms
        histogram.record(20_000_000); // 20 ms
        histogram.record(60_000_000_000L); // a minute: only +Inf
        PrometheusText text = new PrometheusText();
        histogram.writeTo(text, "op_seconds", "latency", PrometheusText.labels("node", "d1"));
        PrometheusTextParser.Parsed parsed = PrometheusTextParser.parse(text.toString());
        assertThat(parsed.value("op_seconds_bucket", "le", "0.001")).isEqualTo(1);
        assertThat(parsed.value("op_seconds_bucket", "le", "0.025")).isEqualTo(2);
        assertThat(parsed.value("op_seconds_bucket", "le", "10.0")).isEqualTo(2);
        assertThat(parsed.value("op_seconds_bucket", "le", "+Inf")).isEqualTo(3);
        assertThat(parsed.value("op_seconds_count", "node", "d1")).isEqualTo(3);
        assertThat(parsed.value("op_seconds_sum"))
                .isEqualTo(60.0205, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void theParserRefusesWhatPrometheusWouldRefuse() {
        assertThatThrownBy(() -> PrometheusTextParser.parse("x 1\n"))
                .hasMessageContaining("before its # TYPE");
        assertThatThrownBy(() -> PrometheusTextParser.parse("# TYPE x gauge\nx{a=\"1} 1\n"))
                .hasMessageContaining("line 2");
        assertThatThrownBy(() -> PrometheusTextParser.parse("# TYPE x gauge\nx one\n"))
                .hasMessageContaining("not a number");
        assertThatThrownBy(() -> PrometheusTextParser.parse("# TYPE 1x gauge\n"))
                .hasMessageContaining("bad metric name");
    }
}
