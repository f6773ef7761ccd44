package dev.scalingadvisor.core.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PrometheusDurationsTest {

    @ParameterizedTest
    @CsvSource({
        "0, 0",
        "30s, 30000",
        "5m, 300000",
        "1h30m, 5400000",
        "2d, 172800000",
        "1w, 604800000",
        "1y, 31536000000",
        "250ms, 250",
        "1m30s500ms, 90500"
    })
    void parsesWhatPrometheusAccepts(String text, long millis) {
        assertThat(PrometheusDurations.parse(text)).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "5", "5 m", "m", "1.5m", "30m1h", "-5m", "5M", "10min"})
    void rejectsWhatPrometheusRejects(String text) {
        assertThatThrownBy(() -> PrometheusDurations.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a duration");
    }

    @ParameterizedTest
    @CsvSource({"0, 0s", "90000, 1m30s", "3600000, 1h", "90061001, 1d1h1m1s1ms", "1500, 1s500ms"})
    void formatsTheShortestSpelling(long millis, String text) {
        assertThat(PrometheusDurations.format(Duration.ofMillis(millis))).isEqualTo(text);
        assertThat(PrometheusDurations.parse(text)).isEqualTo(Duration.ofMillis(millis));
    }
}
