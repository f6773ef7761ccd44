package dev.scalingadvisor.advisor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalingadvisor.advisor.backtest.BacktestReport;
import dev.scalingadvisor.rules.query.StorageRetention;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BacktestCommandTest {

    private static final Instant FROM = Instant.parse("2026-11-01T00:00:00Z");
    private static final Duration STEP = Duration.ofSeconds(15);
    private static final Duration MAX_SAMPLE_AGE = Duration.ofMinutes(2);
    private static final Optional<StorageRetention> TEN_YEARS = Optional.of(StorageRetention.parse("10y"));
    private static final Optional<Instant> NO_OLDEST = Optional.empty();

    private static BacktestReport report(Optional<Instant> firstData, BacktestReport.Unanswered unanswered) {
        return new BacktestReport(
                FROM,
                FROM.plus(Duration.ofHours(3)),
                STEP,
                721,
                List.of(),
                List.of(),
                List.of(),
                firstData,
                unanswered);
    }

    @Test
    void unansweredStepsBeforeTheFirstReadingAreNotBlamedOnRetentionOrTheJobs() {
        // Given the benchmark's case: the first chunk's queries timed out, readings from 01:30 on
        BacktestReport report = report(
                Optional.of(FROM.plus(Duration.ofMinutes(90))),
                new BacktestReport.Unanswered(
                        360, 360, Optional.of(FROM + ": workload query: Prometheus did not answer within 10000 ms")));

        List<String> warnings = BacktestCommand.readingWarnings(report, TEN_YEARS, NO_OLDEST, MAX_SAMPLE_AGE);

        assertThat(warnings)
                .containsExactly(
                        "Prometheus did not answer the replay's queries on 360 of 721 steps, and nothing was decided"
                                + " on them (the first, 2026-11-01T00:00:00Z: workload query: Prometheus did not"
                                + " answer within 10000 ms); a busy or slow Prometheus: rerun when it is less loaded"
                                + " or with a larger prometheus.timeout",
                        "no readings before 2026-11-01T01:30:00Z: Prometheus did not answer on 360 of the steps"
                                + " before it (above), so whether the jobs ran then is unknown");
    }

    @Test
    void aLateFirstReadingOnAnAnsweredRangeNamesRetentionAndTheJobs() {
        BacktestReport report = report(
                Optional.of(FROM.plus(Duration.ofMinutes(90))), new BacktestReport.Unanswered(0, 0, Optional.empty()));

        assertThat(BacktestCommand.readingWarnings(report, TEN_YEARS, NO_OLDEST, MAX_SAMPLE_AGE))
                .containsExactly("no readings before 2026-11-01T01:30:00Z: Prometheus' retention is 10y; the jobs"
                        + " were not running or not scraped");
    }

    @Test
    void unansweredStepsAfterTheFirstReadingLeaveItsWarningAlone() {
        BacktestReport report = report(
                Optional.of(FROM),
                new BacktestReport.Unanswered(
                        4, 0, Optional.of(FROM.plus(STEP.multipliedBy(100)) + ": a rule's query: connection reset")));

        assertThat(BacktestCommand.readingWarnings(report, TEN_YEARS, NO_OLDEST, MAX_SAMPLE_AGE))
                .singleElement()
                .asString()
                .startsWith("Prometheus did not answer the replay's queries on 4 of 721 steps");
    }

    @Test
    void aFullyAnsweredRangeWithReadingsFromItsStartWarnsOfNothing() {
        BacktestReport report = report(Optional.of(FROM), new BacktestReport.Unanswered(0, 0, Optional.empty()));

        assertThat(BacktestCommand.readingWarnings(report, TEN_YEARS, NO_OLDEST, MAX_SAMPLE_AGE))
                .isEmpty();
    }
}
