package dev.scalingadvisor.rules.rule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalingadvisor.testbed.prometheus.Promtool;
import dev.scalingadvisor.testbed.prometheus.PromtoolResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the default pack's {@code lag} rule reads from the series the Kafka source really exports
 * (docs/metrics.md), evaluated by Prometheus itself ({@code promtool test rules}, well under a second each):
 * the backlog is {@code pendingRecords} summed over the source subtasks, its slope is the rule's value, and
 * {@code records_lag_max} counts only where a source has no {@code pendingRecords}, and then by its largest
 * subtask, never summed.
 */
class LagRuleIT {

    private static final String LAG_EXPR = RulePackLoader.load(List.of(RulePackSource.Builtin.DEFAULT))
            .rule(new RuleName("lag"))
            .orElseThrow()
            .expr();
    private static final String PENDING = "flink_taskmanager_job_task_operator_pendingRecords";
    private static final String LAG_MAX =
            "flink_taskmanager_job_task_operator_KafkaSourceReader_KafkaConsumer_records_lag_max";
    private static final String BUSY = "flink_taskmanager_job_task_busyTimeMsPerSecond";

    @Test
    void aGrowingBacklogIsTheSumOfTheSourceSubtasksSlopes() {
        // 30,000 and 15,000 more records every 15 s: 2,000 + 1,000 records/s
        assertLagAt10m(3000, series(PENDING, 0, "0+30000x60"), series(PENDING, 1, "0+15000x60"));
    }

    @Test
    void aLargeButFlatLagReadsZeroSoTheJobIsNotScaledUp() {
        assertLagAt10m(
                0,
                series(PENDING, 0, "500000x60"),
                series(PENDING, 1, "500000x60"),
                series(LAG_MAX, 0, "260000x60"),
                series(LAG_MAX, 1, "250000x60"));
    }

    @Test
    void aDrainingBacklogReadsNegative() {
        assertLagAt10m(-1000, series(PENDING, 0, "900000-15000x60"));
    }

    @Test
    void aStickyRecordsLagMaxIsIgnoredWhereTheSourceExportsPendingRecords() {
        // Caught up (pendingRecords 0) while records_lag_max still holds and even raises its window's peak.
        assertLagAt10m(0, series(PENDING, 0, "0x60"), series(LAG_MAX, 0, "0+30000x60"));
    }

    @Test
    void withoutPendingRecordsTheLargestRecordsLagMaxSlopeCountsNotTheirSum() {
        assertLagAt10m(2000, series(LAG_MAX, 0, "0+30000x60"), series(LAG_MAX, 1, "0+15000x60"));
    }

    @Test
    void aJobWithoutAKafkaSourceReadsZero() {
        assertLagAt10m(0, series(BUSY, 0, "700x60"));
    }

    private static String series(String metric, int subtask, String values) {
        return """
                      - series: '%s{job_id="j1",job_name="orders",task_id="v1",subtask_index="%d"}'
                        values: '%s'
                """.formatted(metric, subtask, values);
    }

    private static void assertLagAt10m(double expected, String... inputSeries) {
        PromtoolResult result = Promtool.testExpression(
                "lag_rule",
                LAG_EXPR,
                String.join("", inputSeries),
                Duration.ofMinutes(10),
                Map.of("{job_id=\"j1\",job_name=\"orders\"}", expected));

        assertThat(result.succeeded())
                .as("the lag rule reads %s at 10m:%n%s", expected, result.output())
                .isTrue();
    }
}
