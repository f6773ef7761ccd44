package dev.scalingadvisor.rules.workload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalingadvisor.rules.query.JobLabels;
import dev.scalingadvisor.rules.query.SeriesLabels;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A replay computes the job query's {@code host_cpu_min} from the busy-time series and each host's CPU load: what
 * PromQL's {@code min by (job_id, job_name) (sum by (host) (cpu) * on (host) group_right group by (job_id, job_name,
 * host) (busy))} answers. (Against a real Prometheus, with a job on two hosts: ScalingEvaluatorIT.)
 */
class LeastLoadedHostsTest {

    private static final WorkloadQueries QUERIES = new WorkloadQueries(JobLabels.DEFAULTS, Duration.ofMinutes(2));

    private static SeriesLabels busy(String job, String subtask, String host) {
        Map<String, String> labels = new HashMap<>(Map.of(
                "__name__",
                "flink_taskmanager_job_task_busyTimeMsPerSecond",
                "job_id",
                job,
                "job_name",
                "name-" + job,
                "task_id",
                "v1",
                "subtask_index",
                subtask));
        if (host != null) {
            labels.put("host", host);
        }
        return SeriesLabels.of(labels);
    }

    private static SeriesLabels host(String host) {
        return SeriesLabels.of(host == null ? Map.of() : Map.of("host", host));
    }

    private static final List<SeriesLabels> BUSY = List.of(
            busy("j1", "0", "h1"),
            busy("j1", "1", "h2"),
            busy("j1", "2", "h2"),
            busy("j2", "0", "h3"), // a host without a CPU series: no match, as PromQL's on (host)
            busy("j3", "0", null)); // no host label: matched to the CPU series without one
    private static final List<SeriesLabels> HOSTS = List.of(host("h1"), host("h2"), host(null));

    private static double[] at(Set<Integer> busyAbsent, Set<Integer> hostAbsent, double... hostCpu) {
        return QUERIES.leastLoadedHosts(BUSY, HOSTS)
                .at(series -> !busyAbsent.contains(series), series -> !hostAbsent.contains(series), s -> hostCpu[s]);
    }

    @Test
    void eachJobIsLabelledAsTheLiveQueryLabelsIt() {
        assertThat(QUERIES.leastLoadedHosts(BUSY, HOSTS).statisticLabels())
                .containsExactly(
                        SeriesLabels.of(Map.of(
                                "job_id", "j1", "job_name", "name-j1", WorkloadQueries.STAT_LABEL, "host_cpu_min")),
                        SeriesLabels.of(Map.of(
                                "job_id", "j2", "job_name", "name-j2", WorkloadQueries.STAT_LABEL, "host_cpu_min")),
                        SeriesLabels.of(Map.of(
                                "job_id", "j3", "job_name", "name-j3", WorkloadQueries.STAT_LABEL, "host_cpu_min")));
    }

    @Test
    void theLeastLoadedOfTheJobsHostsAtTheInstant() {
        assertThat(at(Set.of(), Set.of(), 0.7, 0.4, 0.9)).containsExactly(0.4, Double.NaN, 0.9);
        assertThat(at(Set.of(), Set.of(), 0.3, 0.4, 0.9)).containsExactly(0.3, Double.NaN, 0.9);
    }

    @Test
    void onlyHostsWithBothABusyTimeSeriesAndACpuLoadAtTheInstantCount() {
        // h2's two subtasks are gone: only h1 is left.
        assertThat(at(Set.of(1, 2), Set.of(), 0.7, 0.4, 0.9)[0]).isEqualTo(0.7);
        // One of h2's subtasks is enough.
        assertThat(at(Set.of(1), Set.of(), 0.7, 0.4, 0.9)[0]).isEqualTo(0.4);
        // h1 has no CPU load at the instant.
        assertThat(at(Set.of(), Set.of(0), 0.3, 0.4, 0.9)[0]).isEqualTo(0.4);
        // Nothing left: no series, as PromQL answers none.
        assertThat(at(Set.of(0, 1, 2, 4), Set.of(), 0.3, 0.4, 0.9)).containsOnly(Double.NaN);
    }

    @Test
    void nanIsTheMinimumOnlyWhenEveryLoadIsNaNAsPromQLsMinTakesIt() {
        assertThat(at(Set.of(), Set.of(), Double.NaN, 0.4, 0.9)[0]).isEqualTo(0.4);
        assertThat(at(Set.of(), Set.of(), 0.4, Double.NaN, 0.9)[0]).isEqualTo(0.4);
        assertThat(at(Set.of(), Set.of(), Double.NaN, Double.NaN, 0.9)[0]).isNaN();
        assertThat(at(Set.of(), Set.of(), Double.NEGATIVE_INFINITY, 0.4, 0.9)[0])
                .isEqualTo(Double.NEGATIVE_INFINITY);
    }
}
