package dev.scalingadvisor.advisor.ruletest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SeriesNotationTest {

    @Test
    void expandsPromtoolsNotation() {
        assertThat(SeriesValues.expand("0+10x2 _ 5x1 100-25x2 _x2 1e3"))
                .containsExactly(
                        Optional.of(0.0),
                        Optional.of(10.0),
                        Optional.of(20.0),
                        Optional.empty(),
                        Optional.of(5.0),
                        Optional.of(5.0),
                        Optional.of(100.0),
                        Optional.of(75.0),
                        Optional.of(50.0),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.of(1000.0));
    }

    @Test
    void refusesWhatItCannotBackfillOrRead() {
        assertThatThrownBy(() -> SeriesValues.expand("1 stale"))
                .hasMessageContaining("stale markers cannot be backfilled");
        assertThatThrownBy(() -> SeriesValues.expand("1 2x")).hasMessageContaining("cannot read \"2x\"");
        assertThatThrownBy(() -> SeriesValues.expand("0x100000")).hasMessageContaining("more than 86400");
    }

    @Test
    void readsASeriesAsPromtoolWritesIt() {
        SeriesSelector series = SeriesSelector.parse("flink_busy{job_id=\"a1\", task_name=\"Source: \\\"x\\\"\",}");

        assertThat(series.metric()).isEqualTo("flink_busy");
        assertThat(series.labels()).isEqualTo(Map.of("job_id", "a1", "task_name", "Source: \"x\""));
        assertThat(series.toString()).isEqualTo("flink_busy{job_id=\"a1\",task_name=\"Source: \\\"x\\\"\"}");
        assertThat(SeriesSelector.parse("up").labels()).isEmpty();
        assertThatThrownBy(() -> SeriesSelector.parse("up{job=~\"a.*\"}"))
                .hasMessageContaining("only =, with the value in double quotes");
    }
}
