package dev.scalingadvisor.testbed.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalingadvisor.testbed.flink.FlinkCluster;
import dev.scalingadvisor.testbed.flink.FlinkClusterOptions;
import dev.scalingadvisor.testbed.flink.JobVertex;
import dev.scalingadvisor.testbed.flink.ScrapedFlinkExtension;
import dev.scalingadvisor.testbed.loadjob.LoadJob;
import dev.scalingadvisor.testbed.loadjob.LoadJobOptions;
import dev.scalingadvisor.testbed.loadjob.LoadJobState;
import dev.scalingadvisor.testbed.loadjob.Submission;
import dev.scalingadvisor.testbed.metrics.FlinkMetric;
import dev.scalingadvisor.testbed.metrics.KafkaSourceMetrics;
import dev.scalingadvisor.testbed.metrics.MetricScope;
import dev.scalingadvisor.testbed.process.Waits;
import dev.scalingadvisor.testbed.prometheus.InstantSample;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The load job's Kafka variant on a real broker, cluster and Prometheus; one start of each serves every test, and
 * the tests are the steps of one story on one job (about 3½ minutes on a quiet 2-core machine): under load (the
 * Kafka source's series and labels, locked), caught up (their values), and a rescale of source and counter
 * through a savepoint (no keyed state lost).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KafkaJobIT {

    private static final String TOPIC = "orders";
    private static final int PARTITIONS = 4;
    private static final String SOURCE = "{job_name=\"orders_kafka\",operator_name=\"Source:_orders\"}";

    @RegisterExtension
    static KafkaBrokerExtension kafka = new KafkaBrokerExtension();

    @RegisterExtension
    static ScrapedFlinkExtension testbed = new ScrapedFlinkExtension(
            FlinkClusterOptions.defaults().withTaskManagers(1).withSlotsPerTaskManager(4));

    private static LoadJob load;

    @AfterAll
    static void stopTheJob() {
        if (load != null) {
            load.close();
        }
    }

    @Test
    @Order(1)
    void underLoadTheSourceExportsEveryDocumentedSeriesWithItsLabelsAndABacklogKafkaConfirms() {
        // Given the job reading 4 partitions with 2 source subtasks, offered more than its counter sustains
        load = LoadJob.onKafka(
                LoadJobOptions.defaults().withJobName("orders-kafka"), kafka.broker(), TOPIC, PARTITIONS, 2);
        load.setRate(LoadJobOptions.SATURATING_RATE);
        load.submitAndAwaitRunning(testbed.cluster(), Submission.parallelism(1), Duration.ofSeconds(60));

        // When the backlog has built up
        testbed.prometheus()
                .queries()
                .await(
                        "sum(" + KafkaSourceMetrics.PENDING_RECORDS.name() + SOURCE + ") > 10000",
                        Duration.ofSeconds(90),
                        samples -> !samples.isEmpty(),
                        "a backlog of 10,000 records in pendingRecords");

        // Then every series is there, per subtask or per partition, with the operator's labels
        for (FlinkMetric metric : KafkaSourceMetrics.all()) {
            List<InstantSample> series =
                    testbed.prometheus().queries().awaitAny(metric.name() + SOURCE, Duration.ofSeconds(30));
            assertThat(series)
                    .as(metric.name())
                    .hasSize(KafkaSourceMetrics.perPartition(metric) ? PARTITIONS : 2)
                    .allSatisfy(sample -> assertThat(sample.labels())
                            .containsKeys(MetricScope.OPERATOR.labels().toArray(String[]::new)));
        }
        assertThat(testbed.prometheus().queries().instant(KafkaSourceMetrics.CURRENT_OFFSET.name() + SOURCE))
                .allSatisfy(sample -> assertThat(sample.label("topic")).isEqualTo(TOPIC))
                .extracting(sample -> sample.label("partition"))
                .containsExactlyInAnyOrder("0", "1", "2", "3");
        assertThat(sum(KafkaSourceMetrics.ASSIGNED_PARTITIONS)).isEqualTo(PARTITIONS);
        assertThat(max(KafkaSourceMetrics.SOURCE_IDLE_TIME))
                .as("sourceIdleTime under load")
                .isZero();
        // pendingRecords is the consumer's lag as of its last fetch: below what Kafka itself counts, never above
        double pending = sum(KafkaSourceMetrics.PENDING_RECORDS);
        long kafkaLag = KafkaTopics.total(kafka.broker().topics().endOffsets(TOPIC))
                - (long) sum(KafkaSourceMetrics.CURRENT_OFFSET)
                - PARTITIONS;
        System.out.printf("[kafka-metrics] under load: pendingRecords %.0f, Kafka's lag %d%n", pending, kafkaLag);
        assertThat(pending).isPositive().isLessThanOrEqualTo(kafkaLag * 1.05);
    }

    @Test
    @Order(2)
    void caughtUpTheBacklogReadsZeroTheSourceIdlesAndTheCommittedOffsetsReachTheEnd() {
        // Given the producer stopped and the job drained
        load.setRate(0);
        LoadJobState drained = load.awaitDrained(Duration.ofSeconds(120));
        testbed.prometheus()
                .queries()
                .await(
                        "sum(" + KafkaSourceMetrics.PENDING_RECORDS.name() + SOURCE + ") == 0 and min("
                                + KafkaSourceMetrics.SOURCE_IDLE_TIME.name() + SOURCE + ") > 3000",
                        Duration.ofSeconds(60),
                        samples -> !samples.isEmpty(),
                        "no pending records and the source idle for 3 s");

        // Then the source's offsets are Kafka's, and no record was lost or counted twice
        long end = KafkaTopics.total(kafka.broker().topics().endOffsets(TOPIC));
        assertThat((long) sum(KafkaSourceMetrics.CURRENT_OFFSET))
                .as("currentOffset is the last record's offset, one below each partition's end")
                .isEqualTo(end - PARTITIONS);
        assertThat(drained.read()).as("offsets the job's group committed").isEqualTo(end);
        assertThat(drained.noStateLost()).as("state: %s", drained).isTrue();
        assertThat(drained.keys()).isEqualTo(1000);
    }

    @Test
    @Order(3)
    void aRescaleOfSourceAndCounterThroughASavepointKeepsEveryKeysCount() {
        // Given the job stopped with a savepoint while records flow
        FlinkCluster cluster = testbed.cluster();
        JobVertex source = cluster.rest().vertex(load.jobId(), "Source: orders");
        load.setRate(1500);
        Waits.sleep(Duration.ofSeconds(5));
        String savepoint = load.stopWithSavepoint(cluster, Duration.ofSeconds(60));

        // When it runs on with the counter at 2 and one source subtask per partition
        load.submitAndAwaitRunning(
                cluster,
                Submission.parallelism(2).fromSavepoint(savepoint).withVertexParallelism(source.id(), PARTITIONS),
                Duration.ofSeconds(60));
        Waits.sleep(Duration.ofSeconds(5));
        load.setRate(0);
        LoadJobState drained = load.awaitDrained(Duration.ofSeconds(120));

        // Then every record was counted exactly once, across both runs
        assertThat(cluster.rest().vertex(load.jobId(), "Source: orders").parallelism())
                .isEqualTo(PARTITIONS);
        assertThat(cluster.rest().vertex(load.jobId(), LoadJob.HEAVY_OPERATOR).parallelism())
                .isEqualTo(2);
        assertThat(drained.noStateLost()).as("state: %s", drained).isTrue();
        testbed.prometheus()
                .queries()
                .await(
                        KafkaSourceMetrics.ASSIGNED_PARTITIONS.name() + "{job_id=\"" + load.jobId() + "\"}",
                        Duration.ofSeconds(30),
                        samples -> samples.size() == PARTITIONS
                                && samples.stream().allMatch(sample -> sample.value() == 1),
                        "one partition assigned to each of the 4 source subtasks");
    }

    private static double sum(FlinkMetric metric) {
        return values(metric).mapToDouble(Double::doubleValue).sum();
    }

    private static double max(FlinkMetric metric) {
        return values(metric).mapToDouble(Double::doubleValue).max().orElseThrow();
    }

    private static Stream<Double> values(FlinkMetric metric) {
        return testbed.prometheus().queries().instant(metric.name() + SOURCE).stream()
                .map(InstantSample::value);
    }
}
