package dev.scalingadvisor.testbed.e2e.advisor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalingadvisor.testbed.e2e.webhook.ReceivedWebhook;
import dev.scalingadvisor.testbed.e2e.webhook.WebhookSinkExtension;
import dev.scalingadvisor.testbed.flink.FlinkClusterOptions;
import dev.scalingadvisor.testbed.flink.ScrapedFlinkExtension;
import dev.scalingadvisor.testbed.loadjob.LoadJob;
import dev.scalingadvisor.testbed.loadjob.LoadJobOptions;
import dev.scalingadvisor.testbed.loadjob.Submission;
import dev.scalingadvisor.testbed.prometheus.InstantSample;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The end-to-end harness on real processes: a Flink cluster running the load job, Prometheus scraping Flink
 * and the advisor, the advisor daemon itself (observe mode) driven through its process lifecycle, and the
 * webhook sink checking a signature computed here.
 */
class AdvisorHarnessIT {

    @RegisterExtension
    static ScrapedFlinkExtension testbed = new ScrapedFlinkExtension(
            FlinkClusterOptions.defaults().withTaskManagers(1).withSlotsPerTaskManager(2));

    @RegisterExtension
    static WebhookSinkExtension webhooks = new WebhookSinkExtension();

    @RegisterExtension
    static AdvisorExtension advisors = new AdvisorExtension();

    private static final Duration SCRAPE_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration RELOAD_TIMEOUT = Duration.ofSeconds(30);
    private static LoadJob load;

    @BeforeAll
    static void runTheLoadJob() {
        load = LoadJob.create(LoadJobOptions.defaults().withJobName("harness-orders"));
        load.setRate(500);
        load.submitAndAwaitRunning(testbed.cluster(), Submission.parallelism(1), Duration.ofSeconds(120));
    }

    @AfterAll
    static void stopTheLoadJob() {
        if (load != null) {
            load.close();
        }
    }

    private static AdvisorConfigFile observeConfig() {
        return AdvisorConfigFile.of(AdvisorMode.OBSERVE, testbed.prometheus().baseUrl())
                .withFlinkCluster("testbed", testbed.cluster().restUrl())
                .withEvaluationInterval(Duration.ofSeconds(2))
                .withWebhookNotifier(
                        "sink", webhooks.sink().url(), webhooks.sink().secret());
    }

    @Test
    void startsServesItsEndpointsAndIsScrapedByPrometheus() {
        // Given the advisor started on the testbed, in observe mode
        AdvisorProcess advisor = advisors.start(observeConfig());
        testbed.prometheus().scrape(advisor);

        // Then it is alive, serves its metrics and its decision history on 127.0.0.1
        assertThat(advisor.baseUrl()).startsWith("http://127.0.0.1:");
        assertThat(advisor.healthy()).isTrue();
        assertThat(advisor.metrics()).contains("scaling_advisor_build_info", "scaling_advisor_evaluation_cycles_total");
        assertThat(advisor.decisions(DecisionQuery.all().forJob(load.jobId()).limit(5)))
                .isNotNull();
        assertThat(advisor.decisions(DecisionQuery.all().since(Instant.now().plus(Duration.ofHours(1)))))
                .isEmpty();
        assertThat(advisor.get("/api/v1/decisions?limit=0").status()).isEqualTo(400);

        // And Prometheus scrapes it next to Flink
        List<InstantSample> buildInfo = testbed.prometheus()
                .queries()
                .await(
                        "scaling_advisor_build_info{job=\"scaling-advisor\"} == 1",
                        SCRAPE_TIMEOUT,
                        samples -> samples.size() == 1,
                        "the advisor's build info");
        assertThat(buildInfo.get(0).labels())
                .containsEntry("instance", "127.0.0.1:" + advisor.port())
                .containsEntry("version", AdvisorBuild.version());
        testbed.prometheus()
                .queries()
                .awaitAny(
                        "flink_taskmanager_job_task_busyTimeMsPerSecond{job_id=\"" + load.jobId() + "\"}",
                        SCRAPE_TIMEOUT);
    }

    @Test
    void reloadsOnSighupAndKeepsItsConfigurationWhenTheNewOneIsInvalid() {
        AdvisorConfigFile config = observeConfig();
        AdvisorProcess advisor = advisors.start(config);
        long logBefore = advisor.logLength();

        advisor.replaceConfig(config.withEvaluationInterval(Duration.ofSeconds(3)));
        assertThat(advisor.reload(RELOAD_TIMEOUT)).isEqualTo(AdvisorProcess.ReloadOutcome.APPLIED);
        advisor.awaitLog(Pattern.compile("configuration reloaded from .*interval=3s"), logBefore, RELOAD_TIMEOUT);

        advisor.replaceConfig(config.with("mode", "sideways"));
        assertThat(advisor.reload(RELOAD_TIMEOUT)).isEqualTo(AdvisorProcess.ReloadOutcome.REJECTED);

        assertThat(advisor.healthy())
                .as("a rejected reload keeps the daemon up")
                .isTrue();
        assertThat(advisor.metrics())
                .contains(
                        "scaling_advisor_config_reloads_total{outcome=\"success\"} 1.0",
                        "scaling_advisor_config_reloads_total{outcome=\"failure\"} 1.0",
                        "scaling_advisor_config_last_reload_successful 0.0");
    }

    @Test
    void restartsOnTheSameStateDirectoryAfterSigkill() throws Exception {
        // Given a running advisor, scraped by Prometheus
        AdvisorProcess advisor = advisors.start(observeConfig());
        testbed.prometheus().scrape(advisor);
        long crashedPid = advisor.pid();

        // When it is SIGKILLed, as a crash or the OOM killer would, and started again
        advisor.kill();
        assertThat(advisor.isRunning()).isFalse();
        advisor.restart();

        // Then it holds the same state directory (its lock names the new process) and answers again
        assertThat(advisor.pid()).isNotEqualTo(crashedPid);
        assertThat(Files.readString(advisor.stateDir().resolve("advisor.lock")).trim())
                .isEqualTo(Long.toString(advisor.pid()));
        assertThat(advisor.healthy()).isTrue();
        assertThat(advisor.decisions(DecisionQuery.all())).isNotNull();
        testbed.prometheus()
                .queries()
                .await(
                        "scaling_advisor_build_info{instance=\"127.0.0.1:" + advisor.port() + "\"} == 1",
                        SCRAPE_TIMEOUT,
                        samples -> samples.size() == 1,
                        "the restarted advisor scraped on its new port");
    }

    @Test
    void stopsWithExitCodeZeroOnSigtermAndLeavesNothingRunning() {
        AdvisorProcess advisor = advisors.start(observeConfig());

        int exitCode = advisor.stop();

        assertThat(exitCode).isZero();
        assertThat(advisor.isRunning()).isFalse();
        List<String> stillRunning = ProcessHandle.current()
                .descendants()
                .filter(ProcessHandle::isAlive)
                .map(p -> p.pid() + " " + p.info().commandLine().orElse("?"))
                .filter(line -> line.contains(advisor.dir().toString()))
                .toList();
        assertThat(stillRunning).as("processes of the stopped advisor").isEmpty();
    }

    @Test
    void theWebhookSinkAcceptsASignatureComputedHereAndRefusesAForgedOne() throws Exception {
        String body =
                "{\"version\":1,\"type\":\"finding\",\"data\":{\"summary\":\"[testbed] harness-orders: hot key\"}}";
        String id = "evt_harness";
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(
                Base64.getDecoder().decode(webhooks.sink().secret().substring("whsec_".length())), "HmacSHA256"));
        String signature = "v1,"
                + Base64.getEncoder()
                        .encodeToString(
                                mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));

        assertThat(post(body, id, timestamp, signature)).isEqualTo(204);
        assertThat(post(body.replace("hot", "cold"), id, timestamp, signature)).isEqualTo(401);

        ReceivedWebhook accepted = webhooks.sink()
                .await(
                        w -> w.header("webhook-id").equals(java.util.Optional.of(id)) && w.signatureValid(),
                        Duration.ofSeconds(5),
                        "the signed request");
        assertThat(accepted.summary()).contains("[testbed] harness-orders: hot key");
    }

    private static int post(String body, String id, String timestamp, String signature) throws Exception {
        Request request = new Request.Builder()
                .url(webhooks.sink().url())
                .header("webhook-id", id)
                .header("webhook-timestamp", timestamp)
                .header("webhook-signature", signature)
                .post(RequestBody.create(body.getBytes(StandardCharsets.UTF_8), MediaType.get("application/json")))
                .build();
        try (Response response = new OkHttpClient().newCall(request).execute()) {
            return response.code();
        }
    }
}
