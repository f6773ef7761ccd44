package dev.scalingadvisor.actions.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalingadvisor.actions.rescale.JournalEntry;
import dev.scalingadvisor.actions.rescale.OperationState;
import dev.scalingadvisor.actions.rescale.RescaleEvent;
import dev.scalingadvisor.actions.rescale.RescaleOutcome;
import dev.scalingadvisor.actions.rescale.request.RescaleSettings;
import dev.scalingadvisor.testbed.flink.FlinkClusterExtension;
import dev.scalingadvisor.testbed.flink.FlinkClusterOptions;
import dev.scalingadvisor.testbed.loadjob.LoadJobOptions;
import dev.scalingadvisor.testbed.loadjob.LoadJobState;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A rescaled job that cannot run on a real cluster is cancelled and the job rolls back from the same savepoint. */
class RollbackIT {

    @RegisterExtension
    static FlinkClusterExtension flink = new FlinkClusterExtension(
            FlinkClusterOptions.defaults().withTaskManagers(2).withSlotsPerTaskManager(1));

    @TempDir
    Path dir;

    @Test
    void aRescaledJobThatFindsTooFewSlotsRollsBackToItsPreviousParallelismWithItsStateIntact() throws Exception {
        try (RealRescale real =
                new RealRescale(flink.cluster(), dir, LoadJobOptions.defaults().withJobName("rollback"))) {
            real.load.setRate(500);
            String job = real.submit(1);
            // The free-slots guard counts the second TaskManager's slot; it is gone by the time the job is resubmitted,
            // as when a machine is lost in the middle of a rescale.
            real.listener.when(RescaleEvent.SavepointTaken.class, () -> {
                flink.cluster().rest().awaitJobState(job, "FINISHED", Duration.ofSeconds(60));
                flink.cluster().stopTaskManager(1);
                flink.cluster().awaitTaskManagerCount(1, Duration.ofSeconds(60));
            });

            RescaleOutcome outcome = real.executor.execute(real.heavy(
                    job, 1, 2, real.settings().with(RescaleSettings.RUNNING_TIMEOUT, Duration.ofSeconds(30))));

            assertThat(outcome).as("%s", outcome).isInstanceOf(RescaleOutcome.RolledBack.class);
            RescaleOutcome.RolledBack rolledBack = (RescaleOutcome.RolledBack) outcome;
            assertThat(rolledBack.reason()).contains("did not run").contains("SCHEDULED");
            assertThat(real.heavyParallelism(rolledBack.job().value())).isEqualTo(1);
            assertThat(real.client.checkpoints(rolledBack.job()).orElseThrow().restored())
                    .hasValueSatisfying(r -> assertThat(r.externalPath()).isEqualTo(rolledBack.savepoint()));
            JournalEntry entry = real.journal
                    .entry(outcome.subject().operation().orElseThrow())
                    .orElseThrow();
            assertThat(entry.state()).isEqualTo(OperationState.ROLLED_BACK);
            assertThat(entry.steps())
                    .extracting(s -> s.step() + ":" + s.phase())
                    .containsSubsequence(
                            "RUNNING:FAILED",
                            "ROLLBACK:BEGIN",
                            "CANCEL:BEGIN",
                            "CANCEL:END",
                            "SUBMIT:BEGIN",
                            "SUBMIT:END",
                            "RUNNING:END",
                            "ROLLBACK:END");
            assertThat(real.listener.kinds()).containsExactly("rescale-started", "savepoint-taken", "rolled-back");

            real.load.setRate(0);
            LoadJobState drained = real.load.awaitDrained(Duration.ofSeconds(120));
            assertThat(drained.noStateLost())
                    .as("state after drain: %s", drained)
                    .isTrue();
        }
    }
}
