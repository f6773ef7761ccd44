package dev.scalingadvisor.testbed.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalingadvisor.testbed.process.ListeningSockets;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FlinkClusterIT {

    @RegisterExtension
    static FlinkClusterExtension flink =
            new FlinkClusterExtension(FlinkClusterOptions.defaults().withTaskManagers(1));

    private final OkHttpClient http = new OkHttpClient();

    @Test
    @Order(1)
    void everyProcessServesPrometheusMetricsAndListensOnLoopbackOnly() throws Exception {
        FlinkCluster cluster = flink.cluster();

        assertThat(cluster.rest().get("/taskmanagers").path("taskmanagers")).hasSize(1);
        assertThat(cluster.reporterTargets()).hasSize(2);
        assertThat(scrape(cluster.reporterTargets().get(0))).contains("flink_jobmanager_numRegisteredTaskManagers");
        assertThat(scrape(cluster.reporterTargets().get(1))).contains("flink_taskmanager_Status_JVM_CPU_Load");

        List<String> listening = ListeningSockets.of(ListeningSockets.javaDescendants());
        assertThat(listening).as("listening sockets of the cluster's JVMs").isNotEmpty();
        assertThat(listening).allSatisfy(address -> assertThat(address).matches(ListeningSockets.LOOPBACK_ADDRESS));
    }

    @Test
    @Order(2)
    void taskManagersComeAndGoAndScrapeTargetsFollow() {
        FlinkCluster cluster = flink.cluster();
        AtomicInteger changes = new AtomicInteger();
        cluster.onScrapeTargetsChanged(changes::incrementAndGet);

        int added = cluster.addTaskManager();
        assertThat(cluster.reporterTargets()).hasSize(3);
        // A TaskManager is listed as registered a moment before its slots are counted in /overview.
        assertThat(cluster.freeSlots())
                .as("addTaskManager() returns once the new slots are counted")
                .isEqualTo(4);

        cluster.stopTaskManager(added);
        cluster.awaitTaskManagerCount(1, Duration.ofSeconds(60));
        assertThat(cluster.reporterTargets()).hasSize(2);

        int doomed = cluster.addTaskManager();
        cluster.killTaskManager(doomed);
        assertThat(cluster.taskManagerIds()).containsExactly(FlinkCluster.taskManagerId(0));
        assertThat(cluster.reporterTargets()).hasSize(2);
        assertThat(changes.get()).isEqualTo(4);
        assertThat(cluster.logs()).containsKeys("jobmanager", "taskmanager-0", "taskmanager-1", "taskmanager-2");
    }

    private String scrape(String target) throws IOException {
        try (Response response = http.newCall(new Request.Builder()
                        .url("http://" + target + "/metrics")
                        .build())
                .execute()) {
            return response.body().string();
        }
    }
}
