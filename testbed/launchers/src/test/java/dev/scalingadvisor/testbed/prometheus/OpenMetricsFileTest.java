package dev.scalingadvisor.testbed.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpenMetricsFileTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void writesTypeLineFirstSecondsTimestampsInOrderAndEofLast() {
        SyntheticSeries lag = SyntheticSeries.of("lag", Map.of("job_name", "orders_v2"))
                .sample(T0.plusMillis(1500), 2.0)
                .sample(T0, 1.0)
                .build();

        String text = OpenMetricsFile.render(List.of(lag));

        assertThat(text).isEqualTo("""
                # TYPE lag gauge
                lag{job_name="orders_v2"} 1.0 1767225600
                lag{job_name="orders_v2"} 2.0 1767225601.5
                # EOF
                """);
    }

    @Test
    void groupsSeriesOfOneMetricAndWritesNanAndEscapes() {
        SyntheticSeries a = SyntheticSeries.of("busy", Map.of("task", "a"))
                .sample(T0, Double.NaN)
                .build();
        SyntheticSeries other =
                SyntheticSeries.of("idle", Map.of()).sample(T0, 3).build();
        SyntheticSeries b = SyntheticSeries.of("busy", Map.of("task", "say \"hi\""))
                .sample(T0, 1)
                .build();

        String text = OpenMetricsFile.render(List.of(a, other, b));

        assertThat(text.lines())
                .containsExactly(
                        "# TYPE busy gauge",
                        "busy{task=\"a\"} NaN 1767225600",
                        "busy{task=\"say \\\"hi\\\"\"} 1.0 1767225600",
                        "# TYPE idle gauge",
                        "idle 3.0 1767225600",
                        "# EOF");
        assertThat(text).doesNotContain("\n\n");
    }

    @Test
    void rejectsDuplicateTimestampsThatPromtoolWouldDropSilently() {
        assertThatThrownBy(() -> SyntheticSeries.of("m", Map.of())
                        .sample(T0, 1)
                        .sample(T0, 2)
                        .build())
                .hasMessageContaining("two samples at");
    }
}
