package dev.scalingadvisor.actions.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalingadvisor.actions.rescale.RescaleOutcome;
import dev.scalingadvisor.actions.rescale.request.RescaleStrategy;
import dev.scalingadvisor.testbed.flink.FlinkClusterExtension;
import dev.scalingadvisor.testbed.flink.FlinkClusterOptions;
import dev.scalingadvisor.testbed.loadjob.LoadJobOptions;
import dev.scalingadvisor.testbed.loadjob.LoadJobState;
import dev.scalingadvisor.testbed.process.Waits;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** In-place rescaling against a real Flink 1.20 cluster running the adaptive scheduler. */
class InPlaceRescaleIT {

    @RegisterExtension
    static FlinkClusterExtension flink = new FlinkClusterExtension(FlinkClusterOptions.adaptiveRescalingAfter5s(2));

    @TempDir
    Path dir;

    @Test
    void rescalesOnlyTheBottleneckVertexOfARunningJobInPlaceWithItsStateIntact() throws Exception {
        try (RealRescale real =
                new RealRescale(flink.cluster(), dir, LoadJobOptions.defaults().withJobName("in-place"))) {
            real.load.setRate(600);
            String job = real.submit(1);
            Waits.sleep(Duration.ofSeconds(5));

            RescaleOutcome up = real.executor.execute(real.heavy(job, 1, 2, real.settings()));

            assertThat(up).as("%s", up).isInstanceOf(RescaleOutcome.Succeeded.class);
            RescaleOutcome.Succeeded succeeded = (RescaleOutcome.Succeeded) up;
            assertThat(succeeded.subject().strategy()).contains(RescaleStrategy.IN_PLACE);
            assertThat(succeeded.job().value())
                    .as("the same job, not a new one")
                    .isEqualTo(job);
            assertThat(real.heavyParallelism(job)).isEqualTo(2);
            assertThat(real.client.job(succeeded.job()).vertices())
                    .filteredOn(v -> !v.id().equals(real.heavyVertex(job)))
                    .allSatisfy(v -> assertThat(v.parallelism()).isEqualTo(1));
            assertThat(real.client
                            .resourceRequirements(succeeded.job())
                            .vertices()
                            .get(real.heavyVertex(job))
                            .upperBound())
                    .isEqualTo(2);
            assertThat(succeeded.timings().downtime()).isPresent();
            System.out.printf("[in-place] 1 -> 2 timings: %s%n", succeeded.timings());

            real.load.setRate(0);
            LoadJobState drained = real.load.awaitDrained(Duration.ofSeconds(120));
            assertThat(drained.noStateLost())
                    .as("state after drain: %s", drained)
                    .isTrue();
        }
    }
}
