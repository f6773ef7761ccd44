package dev.scalingadvisor.testbed.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationTextTest {

    @Test
    void readsPrometheusDurations() {
        assertThat(DurationText.parse("45s")).isEqualTo(Duration.ofSeconds(45));
        assertThat(DurationText.parse("3m30s")).isEqualTo(Duration.ofSeconds(210));
        assertThat(DurationText.parse("1h5m")).isEqualTo(Duration.ofMinutes(65));
        assertThat(DurationText.parse("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(DurationText.parse("2d")).isEqualTo(Duration.ofDays(2));
    }

    @Test
    void refusesWhatIsNotOneNamingTheText() {
        for (String text : new String[] {"", "5", "5 m", "m5", "1.5s", "5x"}) {
            assertThatThrownBy(() -> DurationText.parse(text)).hasMessageContaining("\"" + text + "\"");
        }
    }

    @Test
    void writesTheShortestExactSpelling() {
        assertThat(DurationText.format(Duration.ofSeconds(30))).isEqualTo("30s");
        assertThat(DurationText.format(Duration.ofSeconds(90))).isEqualTo("90s");
        assertThat(DurationText.format(Duration.ofMinutes(5))).isEqualTo("5m");
        assertThat(DurationText.format(Duration.ofHours(2))).isEqualTo("2h");
        assertThat(DurationText.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThat(DurationText.format(Duration.ZERO)).isEqualTo("0s");
        assertThat(DurationText.parse(DurationText.format(Duration.ofMillis(2250))))
                .isEqualTo(Duration.ofMillis(2250));
    }
}
