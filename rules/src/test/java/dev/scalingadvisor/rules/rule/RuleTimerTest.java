package dev.scalingadvisor.rules.rule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalingadvisor.rules.testing.TestRules;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Timelines of one rule evaluated every 15 s: each case lists the values (null = no data) and the state
 * expected after each evaluation (i inactive, p pending, F firing, c clearing, u unknown).
 */
class RuleTimerTest {

    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    private static final Duration STEP = Duration.ofSeconds(15);

    private static final Rule ABOVE_500_CLEAR_300_FOR_45S = TestRules.backpressure("x", Duration.ofSeconds(45));
    private static final Rule BELOW_200_CLEAR_300_FOR_30S = TestRules.busyLow("x", Duration.ofSeconds(30));

    static Stream<Arguments> timelines() {
        return Stream.of(
                Arguments.of(
                        "fires once the condition held for `for` (at the evaluation ≥ for, as Prometheus)",
                        ABOVE_500_CLEAR_300_FOR_45S,
                        values(600, 600, 600, 600, 600),
                        "pppFF"),
                Arguments.of(
                        "one evaluation without the condition resets the for timer",
                        ABOVE_500_CLEAR_300_FOR_45S,
                        values(600, 600, 400, 600, 600, 600, 600),
                        "ppipppF"),
                Arguments.of(
                        "noise around the firing threshold does not flap once firing (hysteresis)",
                        ABOVE_500_CLEAR_300_FOR_45S,
                        values(600, 600, 600, 600, 480, 520, 470, 510, 350, 490),
                        "pppFFFFFFF"),
                Arguments.of(
                        "clears only when the value crosses clear",
                        ABOVE_500_CLEAR_300_FOR_45S,
                        values(600, 600, 600, 600, 310, 299, 600),
                        "pppFFip"),
                Arguments.of(
                        "a value exactly at the threshold does not trigger (strictly above)",
                        ABOVE_500_CLEAR_300_FOR_45S,
                        values(500, 500, 500, 500),
                        "iiii"),
                Arguments.of(
                        "missing data is unknown and resets the timers",
                        ABOVE_500_CLEAR_300_FOR_45S,
                        values(600, 600, null, 600, 600, 600, 600),
                        "ppupppF"),
                Arguments.of(
                        "a firing rule whose data goes missing is unknown, not firing",
                        ABOVE_500_CLEAR_300_FOR_45S,
                        values(600, 600, 600, 600, null, 600),
                        "pppFup"),
                Arguments.of(
                        "below-rules fire on low values and clear above clear",
                        BELOW_200_CLEAR_300_FOR_30S,
                        values(150, 150, 150, 250, 290, 310, 150),
                        "ppFFFip"),
                Arguments.of(
                        "a zero for fires at the first evaluation",
                        Rule.of(
                                "now",
                                Signal.CUSTOM,
                                RuleDirection.UP,
                                "x",
                                new Threshold(Threshold.Comparison.ABOVE, 1, 1),
                                Duration.ZERO),
                        values(2, 0, 2),
                        "FiF"),
                Arguments.of(
                        "keepFiringFor keeps a cleared rule firing, and a return above clear resumes it",
                        ABOVE_500_CLEAR_300_FOR_45S.withKeepFiringFor(Duration.ofSeconds(30)),
                        values(600, 600, 600, 600, 200, 200, 400, 200, 200, 200),
                        "pppFccFcci"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("timelines")
    void followsTheTimeline(String scenario, Rule rule, List<Double> values, String expected) {
        assertThat(run(rule, values)).as(scenario).isEqualTo(expected);
    }

    @Test
    void remembersWhenTheConditionStartedAndWhenItFired() {
        RuleTimer timer = RuleTimer.INACTIVE;
        for (int i = 0; i < 5; i++) {
            timer = timer.next(ABOVE_500_CLEAR_300_FOR_45S, Reading.Value.of(600), T0.plus(STEP.multipliedBy(i)));
        }

        assertThat(timer.status()).isEqualTo(RuleStatus.FIRING);
        assertThat(timer.activeSince()).contains(T0);
        assertThat(timer.firingSince()).contains(T0.plusSeconds(45));
        assertThat(timer.heldFor(T0.plusSeconds(60))).isEqualTo(Duration.ofSeconds(60));
        assertThat(timer.lastValue()).contains(600.0);
    }

    @Test
    void saysWhyItIsUnknown() {
        RuleTimer timer = RuleTimer.INACTIVE.next(ABOVE_500_CLEAR_300_FOR_45S, new Reading.Missing("value is NaN"), T0);

        assertThat(timer.status()).isEqualTo(RuleStatus.UNKNOWN);
        assertThat(timer.unknownReason()).contains("value is NaN");
        assertThat(timer.status().isQuiet()).as("unknown is never quiet").isFalse();
    }

    private static String run(Rule rule, List<Double> values) {
        StringBuilder states = new StringBuilder();
        RuleTimer timer = RuleTimer.INACTIVE;
        for (int i = 0; i < values.size(); i++) {
            Double v = values.get(i);
            Reading reading = v == null ? new Reading.Missing("no series for this job") : Reading.Value.of(v);
            timer = timer.next(rule, reading, T0.plus(STEP.multipliedBy(i)));
            states.append(
                    switch (timer.status()) {
                        case INACTIVE -> 'i';
                        case PENDING -> 'p';
                        case FIRING -> 'F';
                        case CLEARING -> 'c';
                        case UNKNOWN -> 'u';
                    });
        }
        return states.toString();
    }

    private static List<Double> values(Integer... values) {
        List<Double> list = new ArrayList<>();
        for (Integer v : values) {
            list.add(v == null ? null : v.doubleValue());
        }
        return list;
    }
}
