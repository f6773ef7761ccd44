package dev.scalingadvisor.actions.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalingadvisor.actions.rescale.JournalEntry;
import dev.scalingadvisor.actions.rescale.OperationState;
import dev.scalingadvisor.actions.rescale.RescaleOutcome;
import dev.scalingadvisor.actions.rescale.Step;
import dev.scalingadvisor.actions.rescale.request.RescaleStrategy;
import dev.scalingadvisor.testbed.flink.FlinkClusterExtension;
import dev.scalingadvisor.testbed.flink.FlinkClusterOptions;
import dev.scalingadvisor.testbed.loadjob.LoadJobOptions;
import dev.scalingadvisor.testbed.loadjob.LoadJobState;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Savepoint-redeploy against a real Flink 1.20 session cluster (default scheduler) with a stateful job. */
class SavepointRedeployIT {

    @RegisterExtension
    static FlinkClusterExtension flink = new FlinkClusterExtension(
            FlinkClusterOptions.defaults().withTaskManagers(1).withSlotsPerTaskManager(2));

    @TempDir
    Path dir;

    @Test
    void rescalesAStatefulJobOneToTwoToOneWithItsKeyedStateIntact() throws Exception {
        try (RealRescale real =
                new RealRescale(flink.cluster(), dir, LoadJobOptions.defaults().withJobName("redeploy-1-2-1"))) {
            real.load.setRate(600);
            String first = real.submit(1);

            RescaleOutcome up = real.executor.execute(real.heavy(first, 1, 2, real.settings()));

            assertThat(up).as("1 -> 2: %s", up).isInstanceOf(RescaleOutcome.Succeeded.class);
            RescaleOutcome.Succeeded scaledUp = (RescaleOutcome.Succeeded) up;
            assertThat(scaledUp.subject().strategy()).contains(RescaleStrategy.SAVEPOINT_REDEPLOY);
            String second = scaledUp.job().value();
            assertThat(second).isNotEqualTo(first);
            assertThat(real.heavyParallelism(second)).isEqualTo(2);
            assertThat(real.client.checkpoints(scaledUp.job()).orElseThrow().restored())
                    .hasValueSatisfying(r -> assertThat(r.externalPath()).isEqualTo(scaledUp.savepoint()));
            long readAfterUp = real.load.readState().read();

            RescaleOutcome down = real.executor.execute(real.heavy(second, 2, 1, real.settings()));

            assertThat(down).as("2 -> 1: %s", down).isInstanceOf(RescaleOutcome.Succeeded.class);
            String third = ((RescaleOutcome.Succeeded) down).job().value();
            assertThat(real.heavyParallelism(third)).isEqualTo(1);
            assertThat(real.load.readState().read())
                    .as("the job continued from where it was")
                    .isGreaterThan(readAfterUp);
            real.load.setRate(0);
            LoadJobState drained = real.load.awaitDrained(Duration.ofSeconds(120));
            assertThat(drained.noStateLost())
                    .as("no count lost, reset or skipped: %s", drained)
                    .isTrue();
            assertThat(drained.keys()).isEqualTo(1000);
            for (RescaleOutcome outcome : new RescaleOutcome[] {up, down}) {
                JournalEntry entry = real.journal
                        .entry(outcome.subject().operation().orElseThrow())
                        .orElseThrow();
                assertThat(entry.state()).isEqualTo(OperationState.SUCCEEDED);
                assertThat(entry.timings().of(Step.SAVEPOINT)).isPresent();
                assertThat(entry.timings().of(Step.RUNNING)).isPresent();
                System.out.printf(
                        "[redeploy] %s timings: %s%n", outcome.subject().reason(), entry.timings());
            }
        }
    }
}
