package dev.scalingadvisor.rules.workload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalingadvisor.rules.query.JobLabels;
import dev.scalingadvisor.testbed.prometheus.Promtool;
import dev.scalingadvisor.testbed.prometheus.PromtoolResult;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The backlog figures of {@link WorkloadQueries#jobQuery()} that the lag policy sizes with, evaluated by
 * Prometheus itself ({@code promtool test rules}) on the series the Kafka source really exports: the backlog
 * is {@code pendingRecords} summed over the source subtasks; a source with only {@code records_lag_max} gives
 * its largest subtask (a lower bound), never the sum.
 */
class BacklogQueryIT {

    private static final String JOB_QUERY = new WorkloadQueries(JobLabels.DEFAULTS, Duration.ofMinutes(2)).jobQuery();

    @Test
    void pendingRecordsSummedOverTheSourceSubtasksIsTheBacklog() {
        assertJobFiguresAt10m(
                """
                      - series: '%1$s{job_id="j1",job_name="orders",task_id="v1",operator_id="v1",subtask_index="0"}'
                        values: '0+30000x60'
                      - series: '%1$s{job_id="j1",job_name="orders",task_id="v1",operator_id="v1",subtask_index="1"}'
                        values: '0+15000x60'
                      - series: '%2$s{job_id="j1",job_name="orders",task_id="v1",operator_id="v1",subtask_index="0"}'
                        values: '900x60'
                      - series: '%2$s{job_id="j1",job_name="orders",task_id="v1",operator_id="v1",subtask_index="1"}'
                        values: '950x60'
                """.formatted(WorkloadQueries.PENDING_RECORDS, WorkloadQueries.OPERATOR_RECORDS_IN),
                1_800_000,
                3_000,
                1_850);
    }

    @Test
    void withOnlyRecordsLagMaxTheLargestSubtaskIsTheBacklogNotTheSum() {
        assertJobFiguresAt10m(
                """
                      - series: '%1$s{job_id="j1",job_name="orders",task_id="v1",operator_id="v1",subtask_index="0"}'
                        values: '0+30000x60'
                      - series: '%1$s{job_id="j1",job_name="orders",task_id="v1",operator_id="v1",subtask_index="1"}'
                        values: '0+15000x60'
                      - series: '%2$s{job_id="j1",job_name="orders",task_id="v1",operator_id="v1",subtask_index="0"}'
                        values: '900x60'
                """.formatted(WorkloadQueries.KAFKA_LAG, WorkloadQueries.OPERATOR_RECORDS_IN), 1_200_000, 2_000, 900);
    }

    private static void assertJobFiguresAt10m(String inputSeries, double backlog, double growth, double sourceRate) {
        String job = "job_id=\"j1\",job_name=\"orders\",advisor_stat=";
        PromtoolResult result = Promtool.testExpression(
                "job_figures",
                JOB_QUERY,
                inputSeries,
                Duration.ofMinutes(10),
                Map.of(
                        "{" + job + "\"backlog\"}", backlog,
                        "{" + job + "\"backlog_growth\"}", growth,
                        "{" + job + "\"source_rate\"}", sourceRate));

        assertThat(result.succeeded())
                .as(
                        "backlog %s, growth %s/s, source rate %s/s at 10m:%n%s",
                        backlog, growth, sourceRate, result.output())
                .isTrue();
    }
}
