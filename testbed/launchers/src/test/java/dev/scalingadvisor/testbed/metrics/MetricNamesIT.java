package dev.scalingadvisor.testbed.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalingadvisor.testbed.flink.FlinkCluster;
import dev.scalingadvisor.testbed.flink.FlinkClusterOptions;
import dev.scalingadvisor.testbed.flink.JobVertex;
import dev.scalingadvisor.testbed.flink.ScrapedFlinkExtension;
import dev.scalingadvisor.testbed.loadjob.LoadJob;
import dev.scalingadvisor.testbed.loadjob.LoadJobOptions;
import dev.scalingadvisor.testbed.loadjob.Submission;
import dev.scalingadvisor.testbed.prometheus.InstantSample;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every metric name the docs and the rule pack rely on exists in a real Prometheus, with the documented labels. */
class MetricNamesIT {

    @RegisterExtension
    static ScrapedFlinkExtension testbed =
            new ScrapedFlinkExtension(FlinkClusterOptions.defaults().withTaskManagers(1));

    private static LoadJob load;

    @BeforeAll
    static void runTheLoadJobUnderAHyphenatedName() {
        load = LoadJob.create(LoadJobOptions.defaults().withJobName("orders-v2"));
        load.setRate(500);
        load.submitAndAwaitRunning(testbed.cluster(), Submission.parallelism(1), Duration.ofSeconds(60));
        testbed.prometheus()
                .queries()
                .awaitAny(FlinkMetrics.KAFKA_LAG.name() + "{job_name=\"orders_v2\"}", Duration.ofSeconds(60));
    }

    @AfterAll
    static void stopTheProducer() {
        if (load != null) {
            load.close();
        }
    }

    /** The names to check; a rule pack's metric names can be added here once it exists. */
    static Stream<FlinkMetric> documentedMetrics() {
        return FlinkMetrics.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documentedMetrics")
    void isInPrometheusWithItsDocumentedLabelsFromTheDocumentedProcess(FlinkMetric metric) {
        FlinkCluster cluster = testbed.cluster();
        String selector = metric.scope() == MetricScope.JOBMANAGER || metric.scope() == MetricScope.TASKMANAGER
                ? metric.name() + "{job=\"flink\"}"
                : metric.name() + "{job=\"flink\",job_name=\"orders_v2\"}";

        List<InstantSample> series = testbed.prometheus().queries().awaitAny(selector, Duration.ofSeconds(30));

        String expectedInstance = metric.scope().onJobManager()
                ? cluster.reporterTargets().get(0)
                : cluster.reporterTargets().get(1);
        assertThat(series).allSatisfy(sample -> {
            assertThat(sample.labels()).containsKeys(metric.scope().labels().toArray(String[]::new));
            assertThat(sample.label("instance")).isEqualTo(expectedInstance);
        });
    }

    @Test
    void labelValuesAreSanitisedAndTaskIdIsTheRestVertexId() {
        FlinkCluster cluster = testbed.cluster();
        JobVertex heavy = cluster.rest().vertex(load.jobId(), LoadJob.HEAVY_OPERATOR);

        List<InstantSample> busy = testbed.prometheus()
                .queries()
                .awaitAny(FlinkMetrics.BUSY_TIME.name() + "{task_id=\"" + heavy.id() + "\"}", Duration.ofSeconds(30));

        assertThat(busy).singleElement().satisfies(sample -> {
            assertThat(sample.label("job_name")).isEqualTo("orders_v2");
            assertThat(sample.label("job_id")).isEqualTo(load.jobId());
            assertThat(sample.label("task_name")).isEqualTo("count_per_key");
            assertThat(sample.label("host")).isEqualTo("127_0_0_1");
            assertThat(sample.label("tm_id")).isEqualTo("tm_0");
            assertThat(sample.label("subtask_index")).isEqualTo("0");
        });
        List<InstantSample> lag = testbed.prometheus().queries().instant(FlinkMetrics.KAFKA_LAG.name());
        assertThat(lag).singleElement().satisfies(sample -> {
            assertThat(sample.label("task_name")).isEqualTo("Source:_orders");
            assertThat(sample.label("operator_name")).isEqualTo("Source:_orders");
        });
    }
}
