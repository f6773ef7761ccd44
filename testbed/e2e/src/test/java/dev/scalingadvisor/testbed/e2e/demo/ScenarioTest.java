package dev.scalingadvisor.testbed.e2e.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.scalingadvisor.testbed.loadjob.LoadJobOptions;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ScenarioTest {

    @Test
    void theShippedScenarioSaturatesParallelismOneAndFitsTheTenMinutes() {
        Scenario scenario = Scenario.load();

        assertThat(scenario.surgeRate())
                .as("the surge saturates one subtask")
                .isGreaterThan(LoadJobOptions.SUBTASK_CAPACITY);
        assertThat(scenario.surgeRate())
                .as("two subtasks keep up with it")
                .isLessThan(1.7 * LoadJobOptions.SUBTASK_CAPACITY);
        assertThat(scenario.baselineRate()).isLessThan(LoadJobOptions.SUBTASK_CAPACITY);
        assertThat(scenario.taskManagers() * scenario.slotsPerTaskManager())
                .as("slots for parallelism 2")
                .isGreaterThanOrEqualTo(2);
        Scenario.Phases phases = scenario.phases();
        Duration worstCase = phases.loadBudget().plus(phases.drainTimeout());
        assertThat(worstCase)
                .as("load phases and drain, leaving time to start and stop")
                .isLessThanOrEqualTo(Duration.ofMinutes(11));
    }

    @Test
    void namesEveryMissingOrMalformedKeyAtOnce() throws Exception {
        String broken = """
                job: {name: x, initialParallelism: one}
                flink: {taskManagers: 2, slotsPerTaskManager: 2}
                prometheus: {scrapeInterval: 2 seconds}
                load: {baselineRate: 1, surgeRate: 3, calmRate: 1}
                phases: {}
                timeline: {every: 5s}
                """;

        assertThatThrownBy(() -> Scenario.parse(new YAMLMapper().readTree(broken)))
                .hasMessageContaining("job.initialParallelism must be a whole number")
                .hasMessageContaining("prometheus.scrapeInterval must be a duration")
                .hasMessageContaining("phases.baseline must be a duration like 30s or 3m30s, got nothing")
                .hasMessageContaining("phases.settleLag must be a whole number");
    }
}
