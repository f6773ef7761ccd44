package dev.scalingadvisor.testbed.e2e.loop;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.scalingadvisor.testbed.e2e.advisor.AdvisorDecision;
import dev.scalingadvisor.testbed.e2e.advisor.AdvisorExtension;
import dev.scalingadvisor.testbed.e2e.advisor.AdvisorMode;
import dev.scalingadvisor.testbed.e2e.advisor.AdvisorProcess;
import dev.scalingadvisor.testbed.e2e.webhook.ReceivedWebhook;
import dev.scalingadvisor.testbed.e2e.webhook.WebhookSinkExtension;
import dev.scalingadvisor.testbed.flink.FlinkClusterOptions;
import dev.scalingadvisor.testbed.flink.ScrapedFlinkExtension;
import dev.scalingadvisor.testbed.loadjob.LoadJob;
import dev.scalingadvisor.testbed.loadjob.LoadJobOptions;
import dev.scalingadvisor.testbed.loadjob.LoadJobState;
import dev.scalingadvisor.testbed.process.Waits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The advisor's main loop on real parts: a Flink cluster running the load job, Prometheus scraping it every
 * second, the advisor daemon as a process. Recommending (Slack through WireMock, the one part that cannot run
 * here), scaling up through stop-with-savepoint and resubmission, and scaling down after the grace period.
 */
class RecommendAndActIT {

    @RegisterExtension
    static ScrapedFlinkExtension testbed = new ScrapedFlinkExtension(
            FlinkClusterOptions.defaults().withTaskManagers(2).withSlotsPerTaskManager(2));

    @RegisterExtension
    static WebhookSinkExtension webhooks = new WebhookSinkExtension();

    @RegisterExtension
    static WireMockExtension slack = WireMockExtension.newInstance()
            .options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort())
            .build();

    @RegisterExtension
    TestLoads loads = new TestLoads(testbed::cluster);

    @RegisterExtension
    AdvisorExtension advisors = new AdvisorExtension();

    private static final String SLACK_PATH = "/services/T0E2E/B0E2E/e2e";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void recommendModeSendsOneSlackMessageAndLeavesTheJobAlone() {
        slack.stubFor(post(urlEqualTo(SLACK_PATH))
                .willReturn(aResponse().withStatus(200).withBody("ok")));
        LoadJob load = loads.saturating("e2e_recommend");
        String name = load.options().jobName();

        // Given the advisor in recommend mode with a Slack notifier
        AdvisorProcess advisor = advisors.start(LoopConfig.of(AdvisorMode.RECOMMEND, testbed, load, dir)
                .withSlackNotifier("team", slack.baseUrl() + SLACK_PATH));

        // When the job stays backpressured past the rule's for:, Slack gets a recommendation
        JsonNode message = Await.until(
                Duration.ofMinutes(2),
                "a scale-up recommendation for " + name + " in Slack",
                () -> recommendations(name).stream().findFirst());
        // ... and only one, though the advisor publishes the recommendation on every cycle while it holds
        Waits.sleep(LoopConfig.INTERVAL.multipliedBy(6));
        assertThat(recommendations(name))
                .as("Slack messages recommending to scale up " + name)
                .hasSize(1);

        // It names the job, current → target parallelism and the measured value behind it
        String text = message.path("text").asText();
        assertThat(text).contains("Scale up " + name + ": 1 → 2");
        String blocks = message.path("blocks").toString();
        assertThat(blocks).containsPattern("\\*backpressure\\*[^:]*: \\*\\d[\\d,.]*");

        // And the decision history says the same
        AdvisorDecision recommended = History.await(advisor, name, "recommendation", Duration.ofSeconds(10));
        assertThat(recommended.parallelismChange()).contains("1 → 2");
        assertThat(recommended.mode()).isEqualTo("recommend");

        // The Flink job was left alone: the same run, at the same parallelism
        assertThat(FlinkJobs.live(testbed.cluster().rest(), name))
                .extracting(FlinkJobs.Run::id)
                .containsExactly(load.jobId());
        assertThat(FlinkJobs.heavyParallelism(testbed.cluster().rest(), load.jobId()))
                .isEqualTo(1);
        assertThat(History.kinds(advisor, name)).noneMatch(kind -> kind.startsWith("rescale"));
    }

    @Test
    void actModeScalesUpThroughASavepointWithTheKeyedStateIntact() {
        LoadJob load = loads.saturating("e2e_redeploy");
        String name = load.options().jobName();

        // Given the advisor in act mode, resubmitting through stop-with-savepoint
        AdvisorProcess advisor = advisors.start(LoopConfig.of(AdvisorMode.ACT, testbed, load, dir)
                .withRescale("strategy", "savepoint-redeploy")
                .withWebhookNotifier(
                        "sink", webhooks.sink().url(), webhooks.sink().secret()));

        // When the job stays backpressured, it is rescaled: a new run of the job at parallelism 2
        AdvisorDecision succeeded = History.await(advisor, name, "rescale-succeeded", Duration.ofMinutes(3));
        String rescaled = FlinkJobs.awaitRunningAt(testbed.cluster(), name, 2, Duration.ofMinutes(1));
        assertThat(rescaled).isNotEqualTo(load.jobId());
        assertThat(testbed.cluster().rest().jobState(load.jobId()))
                .as("the first run, stopped with a savepoint")
                .isEqualTo("FINISHED");

        // The history records each step, and the outcome with every step's duration and the downtime
        assertThat(History.kinds(advisor, name))
                .containsSubsequence("rescale-started", "savepoint-taken", "rescale-succeeded");
        assertThat(succeeded.parallelismChange()).contains("1 → 2");
        assertThat(succeeded.details().path("newJobId").asText()).isEqualTo(rescaled);
        assertThat(succeeded.details().path("savepoint").asText()).startsWith("file:");
        JsonNode timings = succeeded.details().path("timings");
        assertThat(timings.path("savepoint").asDouble())
                .as("savepoint seconds in " + timings)
                .isPositive();
        assertThat(timings.size()).as("timed steps in " + timings).isGreaterThanOrEqualTo(3);
        assertThat(succeeded.details().path("downtimeSeconds").asDouble()).isPositive();

        // The notifications tell the same story, signed, with the steps and their durations
        ReceivedWebhook started = webhooks.sink()
                .await(
                        w -> w.type().equals(Optional.of("rescale-started")) && mentions(w, name),
                        Duration.ofSeconds(30),
                        "a rescale-started webhook for " + name);
        ReceivedWebhook done = webhooks.sink()
                .await(
                        w -> w.type().equals(Optional.of("rescale-succeeded")) && mentions(w, name),
                        Duration.ofSeconds(30),
                        "a rescale-succeeded webhook for " + name);
        assertThat(started.signatureValid()).isTrue();
        assertThat(done.signatureValid()).isTrue();
        JsonNode steps = json(done).at("/data/steps");
        assertThat(steps.size()).as("steps in " + done.bodyText()).isGreaterThanOrEqualTo(3);
        steps.forEach(step ->
                assertThat(step.path("seconds").isNumber()).as(step.toString()).isTrue());

        // And the keyed state came through: every record produced was counted exactly once
        LoadJobState state = loads.drain(load);
        assertThat(state.noStateLost()).as(state.toString()).isTrue();
    }

    @Test
    void scalesDownOnceAfterTheScaleDownDelayAndThenHolds() {
        Duration scaleDownDelay = Duration.ofSeconds(30);
        // 500 records/s keep two subtasks of count-per-key about 130 ms/s busy (under busy-low's 200) and one
        // about 260 ms/s (between 200 and its clear value 300: neither direction asks for anything).
        LoadJob load = loads.start(LoadJobOptions.defaults().withJobName("e2e_down"), 2, 500);
        String name = load.options().jobName();

        // Given the advisor in act mode with a scale-down delay; cooldowns short, so only the rules hold it steady
        // after
        AdvisorProcess advisor = advisors.start(LoopConfig.of(AdvisorMode.ACT, testbed, load, dir)
                .withRescale("strategy", "savepoint-redeploy")
                .withScaling("scaleDownDelay", scaleDownDelay)
                .withScaling("scaleUpCooldown", Duration.ofSeconds(20))
                .withScaling("scaleDownCooldown", Duration.ofSeconds(20)));

        // When busy-low fires, nothing happens until the delay has passed
        Instant firing = Await.until(
                Duration.ofMinutes(2),
                "busy-low firing for " + name,
                () -> History.ruleState(advisor, load.jobId(), "busy-low")
                        .filter("firing"::equals)
                        .map(state -> Instant.now()));
        AdvisorDecision started = History.await(advisor, name, "rescale-started", Duration.ofMinutes(2));
        assertThat(Duration.between(firing, started.at()))
                .as("from busy-low firing to the rescale")
                .isGreaterThanOrEqualTo(scaleDownDelay.minus(LoopConfig.INTERVAL));
        assertThat(started.parallelismChange()).contains("2 → 1");

        // Then the job runs at parallelism 1
        History.await(advisor, name, "rescale-succeeded", Duration.ofMinutes(2));
        String rescaled = FlinkJobs.awaitRunningAt(testbed.cluster(), name, 1, Duration.ofMinutes(1));

        // And it stays there: past stabilization, the rules' for: and both cooldowns, no decision in either direction
        Instant holdUntil = Instant.now()
                .plus(LoopConfig.STABILIZATION)
                .plus(LoopConfig.RULE_FOR)
                .plus(Duration.ofSeconds(25));
        while (Instant.now().isBefore(holdUntil)) {
            History.evaluation(advisor, rescaled)
                    .ifPresent(job -> assertThat(job.path("phase").asText())
                            .as("phase of the rescaled job: " + job)
                            .isNotEqualTo("decided"));
            Waits.sleep(LoopConfig.INTERVAL);
        }
        assertThat(History.kinds(advisor, name).stream().filter("rescale-started"::equals))
                .hasSize(1);
        assertThat(FlinkJobs.live(testbed.cluster().rest(), name))
                .extracting(FlinkJobs.Run::id)
                .containsExactly(rescaled);

        LoadJobState state = loads.drain(load);
        assertThat(state.noStateLost()).as(state.toString()).isTrue();
    }

    @Test
    void aPausedJobIsEvaluatedAndRecordedButNotRescaledUntilResumedAndThePauseSurvivesARestart() {
        // A rate parallelism 1 keeps up with, so nothing is decided before the pause is in place
        LoadJob load = loads.start(LoadJobOptions.defaults().withJobName("e2e_paused"), 1, 200);
        String name = load.options().jobName();
        AdvisorProcess advisor = advisors.start(
                LoopConfig.of(AdvisorMode.ACT, testbed, load, dir).withRescale("strategy", "savepoint-redeploy"));

        // Given the job paused from the command line once the daemon has seen it (Prometheus scrapes a new job's
        // series a few seconds after it starts), and the daemon restarted: the pause is kept
        Await.until(
                Duration.ofMinutes(1),
                "the advisor evaluates " + name,
                () -> History.evaluation(advisor, load.jobId()).isPresent());
        AdvisorProcess.CommandRun paused = advisor.command("pause", "--job", "e2e_pau.*");
        assertThat(paused.exitCode()).as(paused.toString()).isZero();
        assertThat(paused.out()).contains("paused jobs matching \"e2e_pau.*\" until resumed", "jobs now: " + name);
        advisor.restart();
        assertThat(advisor.get("/readyz").body()).contains("paused: jobs matching \"e2e_pau.*\" until resumed");

        // When the job is saturated, the advisor decides, records that the decision is paused, and does nothing
        load.setRate(LoadJobOptions.SATURATING_RATE);
        AdvisorDecision decided = History.await(advisor, name, "decision", Duration.ofMinutes(2));
        assertThat(decided.summary()).contains("1 → 2", "(paused: jobs matching \"e2e_pau.*\" until resumed)");
        Waits.sleep(LoopConfig.INTERVAL.multipliedBy(5));
        assertThat(History.kinds(advisor, name)).noneMatch(kind -> kind.startsWith("rescale"));
        assertThat(FlinkJobs.live(testbed.cluster().rest(), name))
                .extracting(FlinkJobs.Run::id)
                .containsExactly(load.jobId());
        assertThat(advisor.metrics())
                .containsPattern(
                        "scaling_advisor_job_paused\\{job_id=\"" + load.jobId() + "\",job_name=\"" + name + "\"} 1")
                .containsPattern("scaling_advisor_pauses 1");
        AdvisorProcess.CommandRun decisions = advisor.command("decisions", "--job", "e2e_paused", "--since", "10m");
        assertThat(decisions.exitCode()).as(decisions.toString()).isZero();
        assertThat(decisions.out()).contains("  decision  act  ", "(paused: jobs matching");

        // Then resumed, the decision that still holds is carried out
        AdvisorProcess.CommandRun resumed = advisor.command("resume", "--job", "e2e_pau.*");
        assertThat(resumed.exitCode()).as(resumed.toString()).isZero();
        assertThat(resumed.out()).contains("resumed jobs matching \"e2e_pau.*\"");
        History.await(advisor, name, "rescale-succeeded", Duration.ofMinutes(3));
        FlinkJobs.awaitRunningAt(testbed.cluster(), name, 2, Duration.ofMinutes(1));
        assertThat(advisor.get("/readyz").body()).doesNotContain("paused");
    }

    /** The Slack messages recommending to scale the named job up. */
    private static List<JsonNode> recommendations(String jobName) {
        return slack.findAll(postRequestedFor(urlEqualTo(SLACK_PATH))).stream()
                .map(request -> parse(request.getBodyAsString()))
                .filter(message -> message.path("text").asText().contains("Scale up " + jobName))
                .toList();
    }

    private static boolean mentions(ReceivedWebhook webhook, String jobName) {
        return json(webhook).at("/data/job/name").asText().equals(jobName);
    }

    private static JsonNode json(ReceivedWebhook webhook) {
        return parse(webhook.bodyText());
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + body, e);
        }
    }
}
