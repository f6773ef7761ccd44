package dev.scalingadvisor.rules.workload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalingadvisor.core.job.JobId;
import dev.scalingadvisor.core.job.VertexId;
import dev.scalingadvisor.rules.query.InstantSeries;
import dev.scalingadvisor.rules.query.JobLabels;
import dev.scalingadvisor.rules.query.QueryResult;
import dev.scalingadvisor.rules.query.Sample;
import dev.scalingadvisor.rules.query.SeriesLabels;
import dev.scalingadvisor.rules.testing.SampleTimeAnswers;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * A replay computes the vertex query's {@code subtasks}, {@code oldest_sample} and {@code busy_max} from the busy-time
 * series and their sample times: what PromQL's {@code count by (vertex) (count by (vertex, subtask) (timestamp(busy) >
 * time() - 120))}, {@code min by (vertex) (timestamp(busy))} and {@code max by (vertex) (busy)} answer. (Against a
 * real Prometheus: ScalingEvaluatorIT, StalenessMarkerIT, BacktestCommandIT.)
 */
class BusyTimeStatisticsTest {

    private static final Instant AT = Instant.parse("2026-11-01T12:00:00.250Z");
    private static final WorkloadQueries QUERIES = new WorkloadQueries(JobLabels.DEFAULTS, Duration.ofMinutes(2));

    private static InstantSeries sampled(String vertex, String subtask, String attempt, Duration age) {
        Map<String, String> labels = new HashMap<>(Map.of(
                "__name__",
                "ignored",
                "job_id",
                "j1",
                "job_name",
                "orders",
                "task_id",
                vertex,
                "task_name",
                "name-" + vertex,
                "task_attempt_id",
                attempt,
                "tm_id",
                "tm-" + attempt));
        if (subtask != null) {
            labels.put("subtask_index", subtask);
        }
        return new InstantSeries(
                SeriesLabels.of(labels), new Sample(AT, AT.minus(age).toEpochMilli() / 1000.0));
    }

    private static VertexLoad vertex(List<InstantSeries> sampleTimes, String vertex) {
        JobLoad job = QUERIES.read(
                        new QueryResult.Vector(SampleTimeAnswers.statistics(QUERIES, sampleTimes)),
                        new QueryResult.Vector(List.of()))
                .get(new JobId("j1"));
        return job.vertices().get(new VertexId(vertex));
    }

    @Test
    void countsEachFreshSubtaskIndexOnceAndKeepsTheOldestSampleTime() {
        // Given subtask 0 restarted (its old attempt's series still within the lookback), and subtask 1 fresh
        List<InstantSeries> sampleTimes = List.of(
                sampled("v1", "0", "a-new", Duration.ofSeconds(10)),
                sampled("v1", "0", "a-old", Duration.ofSeconds(200)),
                sampled("v1", "1", "b", Duration.ofSeconds(20)));

        VertexLoad v1 = vertex(sampleTimes, "v1");

        assertThat(v1.subtasks()).isEqualTo(OptionalInt.of(2));
        assertThat(v1.oldestSample()).contains(AT.minusSeconds(200));
        assertThat(v1.name()).isEqualTo("name-v1");
    }

    @Test
    void aSampleExactlyMaxSampleAgeOldIsNotFresh() {
        // PromQL keeps timestamp > time() - 120: a sample 120 s old is out, 119.999 s old is in.
        List<InstantSeries> sampleTimes = List.of(
                sampled("v1", "0", "a", Duration.ofSeconds(120)), sampled("v1", "1", "b", Duration.ofMillis(119_999)));

        assertThat(vertex(sampleTimes, "v1").subtasks()).isEqualTo(OptionalInt.of(1));
    }

    @Test
    void aVertexWithOnlyStaleSamplesHasAnOldestSampleAndNoSubtaskCount() {
        // As PromQL's count of an empty vector: no series, so the statistic is absent rather than 0.
        List<InstantSeries> sampleTimes =
                List.of(sampled("v1", "0", "a", Duration.ofMinutes(3)), sampled("v2", "0", "b", Duration.ofSeconds(5)));

        List<InstantSeries> statistics = SampleTimeAnswers.statistics(QUERIES, sampleTimes);

        assertThat(statistics)
                .extracting(s ->
                        s.labels().valueOrNull("task_id") + " " + s.labels().valueOrNull("advisor_stat"))
                .containsExactlyInAnyOrder("v1 oldest_sample", "v2 oldest_sample", "v2 subtasks");
        assertThat(vertex(sampleTimes, "v1").subtasks()).isEmpty();
        assertThat(vertex(sampleTimes, "v1").oldestSample()).isEqualTo(Optional.of(AT.minus(Duration.ofMinutes(3))));
    }

    @Test
    void groupsByTheVertexLabelsOnlyAndKeepsNoOtherLabel() {
        List<InstantSeries> statistics =
                SampleTimeAnswers.statistics(QUERIES, List.of(sampled("v1", null, "a", Duration.ofSeconds(1))));

        assertThat(statistics)
                .allSatisfy(s -> assertThat(s.labels().values().keySet())
                        .containsExactlyInAnyOrder("job_id", "job_name", "task_id", "task_name", "advisor_stat"))
                .allSatisfy(s -> assertThat(s.sample().at()).isEqualTo(AT));
        assertThat(vertex(List.of(sampled("v1", null, "a", Duration.ofSeconds(1))), "v1")
                        .subtasks())
                .as("a series without a subtask index is one subtask, as PromQL groups it")
                .isEqualTo(OptionalInt.of(1));
    }

    @Test
    void theHighestBusyTimeIsPromqlsMaxOfTheSeriesPresent() {
        // Given three vertices' busy-time series at one instant: NaN beside numbers, only NaN, and one series absent
        List<SeriesLabels> series = List.of(
                sampled("v1", "0", "a", Duration.ZERO).labels(),
                sampled("v1", "1", "b", Duration.ZERO).labels(),
                sampled("v1", "2", "c", Duration.ZERO).labels(),
                sampled("v2", "0", "d", Duration.ZERO).labels(),
                sampled("v3", "0", "e", Duration.ZERO).labels(),
                sampled("v3", "1", "f", Duration.ZERO).labels());
        double[] busy = {Double.NaN, 300, 250, Double.NaN, 900, 100};
        boolean[] present = {true, true, true, true, false, true};
        BusyTimeVertices vertices = QUERIES.busyTimeVertices(series);

        // When the replay computes their statistics
        double[] statistics = vertices.at(AT, i -> present[i], i -> AT.toEpochMilli() / 1000.0, i -> busy[i]);

        // Then each vertex's busy_max is PromQL's max: NaN skipped unless every value is, an absent series not counted
        Map<String, Double> busyMax = new HashMap<>();
        for (int i = 0; i < statistics.length; i++) {
            SeriesLabels labels = vertices.statisticLabels().get(i);
            if ("busy_max".equals(labels.valueOrNull(WorkloadQueries.STAT_LABEL))) {
                busyMax.put(labels.valueOrNull("task_id"), statistics[i]);
            }
        }
        assertThat(busyMax).containsOnlyKeys("v1", "v2", "v3");
        assertThat(busyMax.get("v1")).isEqualTo(300.0);
        assertThat(busyMax.get("v2")).isNaN();
        assertThat(busyMax.get("v3")).isEqualTo(100.0);
    }

    @Test
    void theLiveVertexQueryStillAsksTheBusyTimeStatisticsAndTheReplaysDoesNot() {
        assertThat(QUERIES.vertexQuery())
                .contains(
                        "\"subtasks\"",
                        "\"oldest_sample\"",
                        "\"busy_max\"",
                        "timestamp(flink_taskmanager_job_task_busyTimeMsPerSecond) > (time() - 120)");
        assertThat(QUERIES.vertexStatisticQueries())
                .containsOnlyKeys("busy_avg", "backpressure_avg", "records_in", "records_out", "partitions");
        assertThat(QUERIES.vertexStatisticQueries().values())
                .allSatisfy(query -> assertThat(query).doesNotContain("timestamp(", "label_replace", "\nor "));
        assertThat(QUERIES.sampleTimesQuery()).isEqualTo("timestamp(flink_taskmanager_job_task_busyTimeMsPerSecond)");
    }
}
