package dev.scalingadvisor.rules.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scalingadvisor.core.http.HttpEndpoint;
import dev.scalingadvisor.core.job.JobFacts;
import dev.scalingadvisor.core.job.JobId;
import dev.scalingadvisor.core.job.VertexFacts;
import dev.scalingadvisor.core.job.VertexId;
import dev.scalingadvisor.core.scaling.Direction;
import dev.scalingadvisor.core.scaling.ParallelismChange;
import dev.scalingadvisor.rules.decision.ScalingSettings;
import dev.scalingadvisor.rules.query.JobLabels;
import dev.scalingadvisor.rules.query.PrometheusClient;
import dev.scalingadvisor.rules.rule.Rule;
import dev.scalingadvisor.rules.rule.RulePack;
import dev.scalingadvisor.rules.rule.RulePackLoader;
import dev.scalingadvisor.rules.rule.RulePackSource;
import dev.scalingadvisor.testbed.flink.FlinkClusterOptions;
import dev.scalingadvisor.testbed.flink.ScrapedFlinkExtension;
import dev.scalingadvisor.testbed.loadjob.LoadJob;
import dev.scalingadvisor.testbed.loadjob.LoadJobOptions;
import dev.scalingadvisor.testbed.loadjob.Submission;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The engine on a real Flink 1.20.1 cluster: the testbed's load job, saturated at parallelism 1, shows
 * backpressure on its source while its keyed operator is busy. The decision must name and size the keyed
 * operator, with vertex ids and key groups joined from Flink REST, not the backpressured source.
 */
class BottleneckOnRealFlinkIT {

    @RegisterExtension
    static ScrapedFlinkExtension testbed =
            new ScrapedFlinkExtension(FlinkClusterOptions.defaults().withTaskManagers(1));

    /** The default pack with every for shortened to 0s: the test is about naming the vertex, not about waiting. */
    private static RulePack impatientDefaultPack() {
        return new RulePack(RulePackLoader.load(List.of(RulePackSource.Builtin.DEFAULT)).rules().stream()
                .map(r -> new Rule(
                        r.name(),
                        r.signal(),
                        r.direction(),
                        r.expr(),
                        r.threshold(),
                        Duration.ZERO,
                        r.keepFiringFor(),
                        r.summary(),
                        r.sizing(),
                        r.origin()))
                .toList());
    }

    @Test
    void namesAndSizesTheBusyKeyedOperatorNotTheBackpressuredSource() {
        try (LoadJob load = LoadJob.create(LoadJobOptions.defaults().withJobName("orders-v2"))) {
            load.setRate(LoadJobOptions.SATURATING_RATE);
            String jobId =
                    load.submitAndAwaitRunning(testbed.cluster(), Submission.parallelism(1), Duration.ofSeconds(90));
            testbed.prometheus()
                    .queries()
                    .await(
                            "max by (job_id) (avg by (job_id, task_id) (flink_taskmanager_job_task_backPressuredTimeMsPerSecond{job_id=\""
                                    + jobId + "\"})) > 500",
                            Duration.ofSeconds(120),
                            samples -> !samples.isEmpty(),
                            "the source backpressured");
            ScalingEvaluator engine = new ScalingEvaluator(
                    PrometheusClient.create(
                            HttpEndpoint.open(URI.create(testbed.prometheus().baseUrl()), Duration.ofSeconds(10))),
                    impatientDefaultPack(),
                    EvaluatorSettings.of(Duration.ofSeconds(15), Duration.ofMinutes(2), JobLabels.DEFAULTS));
            ScalingSettings noStabilization =
                    ScalingSettings.DEFAULTS.with(ScalingSettings.STABILIZATION, Duration.ZERO);

            CycleEvaluation fromPrometheusOnly = engine.evaluate(
                    Instant.now(), EngineState.EMPTY, ScalingSettingsLookup.always(noStabilization), Map.of());
            CycleEvaluation withFlinkRest = engine.evaluate(
                    Instant.now(),
                    EngineState.EMPTY,
                    ScalingSettingsLookup.always(noStabilization),
                    Map.of(new JobId(jobId), facts(jobId)));

            JobEvaluation prometheusOnly = job(fromPrometheusOnly, jobId);
            assertThat(prometheusOnly.decision().direction())
                    .as(prometheusOnly.decision().explanation().render())
                    .isEqualTo(Direction.UP);
            assertThat(prometheusOnly.decision().changes().vertices())
                    .singleElement()
                    .satisfies(change -> {
                        assertThat(change.name()).isEqualTo("count_per_key");
                        assertThat(change.from()).isEqualTo(1);
                        assertThat(change.to()).isEqualTo(2);
                    });
            assertThat(prometheusOnly.decision().explanation().render())
                    .contains("backpressure shows upstream of it at Source:_orders");

            JobEvaluation rest = job(withFlinkRest, jobId);
            String heavy = testbed.cluster()
                    .rest()
                    .vertex(jobId, LoadJob.HEAVY_OPERATOR)
                    .id();
            assertThat(rest.job().name()).isEqualTo("orders-v2");
            assertThat(rest.decision().changes().vertices())
                    .containsExactly(new ParallelismChange(new VertexId(heavy), "count-per-key", 1, 2));
        }
    }

    /** What the daemon would pass from Flink REST: real names, parallelism and key groups per vertex. */
    private static JobFacts facts(String jobId) {
        JsonNode job = testbed.cluster().rest().get("/jobs/" + jobId);
        Map<VertexId, VertexFacts> vertices = new LinkedHashMap<>();
        for (JsonNode vertex : job.path("vertices")) {
            vertices.put(
                    new VertexId(vertex.path("id").asText()),
                    new VertexFacts(
                            vertex.path("name").asText(),
                            vertex.path("parallelism").asInt(),
                            OptionalInt.of(vertex.path("maxParallelism").asInt())));
        }
        return new JobFacts(
                Optional.of(job.path("name").asText()),
                Optional.empty(),
                vertices,
                Optional.empty(),
                OptionalInt.of(testbed.cluster().freeSlots()));
    }

    private static JobEvaluation job(CycleEvaluation cycle, String id) {
        return cycle.jobs().stream()
                .filter(j -> j.job().id().value().equals(id))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no job " + id + " in " + cycle.jobs()));
    }
}
