package dev.scalingadvisor.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalingadvisor.alerting.fixtures.SampleEvents;
import dev.scalingadvisor.core.outcome.EventKind;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EventTextTest {

    @Test
    void writesNumbersAsPeopleReadThem() {
        assertThat(EventText.number(0.8234)).isEqualTo("0.823");
        assertThat(EventText.number(5.3)).isEqualTo("5.3");
        assertThat(EventText.number(6.0)).isEqualTo("6");
        assertThat(EventText.number(0)).isEqualTo("0");
        assertThat(EventText.number(-0.5)).isEqualTo("-0.5");
        assertThat(EventText.number(870)).isEqualTo("870");
        assertThat(EventText.number(48_000)).isEqualTo("48,000");
        assertThat(EventText.number(12_345.6)).isEqualTo("12,346");
        assertThat(EventText.number(0.000123456)).isEqualTo("0.000123");
    }

    @Test
    void writesStepTimesInTenthsUnderAMinuteAndWholeSecondsAbove() {
        assertThat(EventText.stepDuration(Duration.ofMillis(12_449))).isEqualTo("12.4s");
        assertThat(EventText.stepDuration(Duration.ofMillis(171_400))).isEqualTo("2m51s");
    }

    @Test
    void summarisesARecommendationWithClusterChangeAndStrongestRule() {
        assertThat(EventText.summary(SampleEvents.of(EventKind.RECOMMENDATION)))
                .isEqualTo(
                        "[prod-eu] Scale up orders-enrichment: 4 → 6 — backpressure on Enrich with customer profile 0.82 > 0.5 for 6m, +1 more rule");
    }

    @Test
    void givesTheRefusingGuardAsTheReasonARescaleWasBlocked() {
        assertThat(EventText.reason(SampleEvents.of(EventKind.RESCALE_BLOCKED)))
                .isEqualTo("checkpoint-healthy: the last 3 checkpoints failed, the newest 2m ago");
    }

    @Test
    void givesTheFailedStepAsTheReasonARescaleFailed() {
        assertThat(EventText.reason(SampleEvents.of(EventKind.RESCALE_FAILED)))
                .isEqualTo("submit failed after 2m: not enough task slots: 6 needed, 4 free");
        assertThat(EventText.headline(SampleEvents.of(EventKind.ROLLED_BACK)))
                .isEqualTo("Rolled back orders-enrichment to 4 after a failed rescale to 6");
    }

    @Test
    void explainsEverythingBehindAnEventLineByLine() {
        assertThat(EventText.explanation(SampleEvents.of(EventKind.RESCALE_BLOCKED)))
                .containsExactly(
                        "Why:",
                        "- backpressure on Enrich with customer profile 0.82 > 0.5 for 6m",
                        "- busy-time on Enrich with customer profile 870 ms/s > 800 ms/s for 6m",
                        "Target:",
                        "- raw target 5.3: 48,000 records/s in, 9,060 records/s per subtask at full load",
                        "- clamped 5.3: within min 2 and max 12",
                        "- aligned 6: 120 key groups, 20 per subtask",
                        "Vertices:",
                        "- Source: Kafka orders stays at 4",
                        "- Enrich with customer profile 4 → 6",
                        "- Sink: Kafka enriched-orders 4 → 6",
                        "Guards:",
                        "- passed cooldown: last rescale 2h ago; cooldown is 30m",
                        "- refused checkpoint-healthy: the last 3 checkpoints failed, the newest 2m ago");
    }
}
