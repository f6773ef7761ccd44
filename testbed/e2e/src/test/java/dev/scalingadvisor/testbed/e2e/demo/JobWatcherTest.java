package dev.scalingadvisor.testbed.e2e.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalingadvisor.testbed.flink.JobVertex;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobWatcherTest {

    private static final JobVertex SOURCE = new JobVertex("s", "Source: orders", 1, "RUNNING");

    @Test
    void judgesARescaleByItsVerticesParallelism() {
        JobWatcher.Rescale up = rescale(List.of(SOURCE, heavy(1)), List.of(SOURCE, heavy(2)));
        JobWatcher.Rescale down = rescale(List.of(SOURCE, heavy(2)), List.of(SOURCE, heavy(1)));
        JobWatcher.Rescale restart = rescale(List.of(SOURCE, heavy(2)), List.of(SOURCE, heavy(2)));

        assertThat(up.direction()).isEqualTo(JobWatcher.Direction.UP);
        assertThat(up.changes()).isEqualTo("count-per-key 1 → 2");
        assertThat(down.direction()).isEqualTo(JobWatcher.Direction.DOWN);
        assertThat(restart.direction()).isEqualTo(JobWatcher.Direction.NONE);
        assertThat(restart.changes()).isEqualTo("restarted at the same parallelism");
        assertThat(rescale(
                                List.of(new JobVertex("s", "Source: orders", 2, "RUNNING"), heavy(1)),
                                List.of(SOURCE, heavy(2)))
                        .direction())
                .isEqualTo(JobWatcher.Direction.MIXED);
    }

    @Test
    void findsAVertexByItsNameWhenTheResubmittedJobGaveItANewId() {
        JobWatcher.Rescale down = rescale(
                List.of(new JobVertex("s", "Source: orders", 2, "RUNNING"), heavy(2)),
                List.of(
                        new JobVertex("s2", "Source: orders", 1, "RUNNING"),
                        new JobVertex("h2", "count-per-key", 1, "RUNNING")));

        assertThat(down.direction()).isEqualTo(JobWatcher.Direction.DOWN);
        assertThat(down.changes()).isEqualTo("Source: orders 2 → 1, count-per-key 2 → 1");
    }

    private static JobVertex heavy(int parallelism) {
        return new JobVertex("h", "count-per-key", parallelism, "RUNNING");
    }

    private static JobWatcher.Rescale rescale(List<JobVertex> before, List<JobVertex> after) {
        return new JobWatcher.Rescale(0, "a", "b", before, after, Duration.ofSeconds(9));
    }
}
