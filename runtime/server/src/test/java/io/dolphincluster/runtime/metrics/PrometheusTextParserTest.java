package io.dolphincluster.runtime.metrics;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PrometheusTextParserTest {

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

    @Test
    void itRefusesBrokenStructure() {
        assertThatThrownBy(() -> PrometheusTextParser.parse("# TYPE x gauge\nx 1"))
                .hasMessageContaining("newline");
        assertThatThrownBy(
                        () ->
                                PrometheusTextParser.parse(
                                        "# TYPE x gauge\n# TYPE y gauge\nx 1\ny 1\nx{a=\"b\"} 2\n"))
                .hasMessageContaining("not together");
        assertThatThrownBy(() -> PrometheusTextParser.parse("# HELP x a\n# HELP x b\n"))
                .hasMessageContaining("described twice");
        assertThatThrownBy(
                        () ->
                                PrometheusTextParser.parse(
                                        "# TYPE x gauge\nx{a=\"1\",b=\"2\"} 1\nx{b=\"2\",a=\"1\"} 1\n"))
                .hasMessageContaining("duplicate sample");
        assertThatThrownBy(() -> PrometheusTextParser.parse("# TYPE x_total counter\nx_total -1\n"))
                .hasMessageContaining("negative");
    }

    @Test
    void itRefusesAHistogramThatDoesNotAddUp() {
        String head = "# TYPE h histogram\n";
        assertThatThrownBy(
                        () ->
                                PrometheusTextParser.parse(
                                        head
                                                + "h_bucket{le=\"1.0\"} 2\nh_bucket{le=\"+Inf\"} 1\n"
                                                + "h_count 1\nh_sum 1\n"))
                .hasMessageContaining("decrease");
        assertThatThrownBy(
                        () ->
                                PrometheusTextParser.parse(
                                        head
                                                + "h_bucket{le=\"1.0\"} 1\nh_bucket{le=\"+Inf\"} 2\n"
                                                + "h_count 3\nh_sum 1\n"))
                .hasMessageContaining("is not the count");
        assertThatThrownBy(
                        () ->
                                PrometheusTextParser.parse(
                                        head + "h_bucket{le=\"+Inf\"} 2\nh_count 2\n"))
                .hasMessageContaining("no _sum");
    }
}
