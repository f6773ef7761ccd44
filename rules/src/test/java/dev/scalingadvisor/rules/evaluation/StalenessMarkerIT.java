package dev.scalingadvisor.rules.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalingadvisor.core.http.HttpEndpoint;
import dev.scalingadvisor.core.job.JobFacts;
import dev.scalingadvisor.core.job.JobId;
import dev.scalingadvisor.rules.decision.ScalingSettings;
import dev.scalingadvisor.rules.query.JobLabels;
import dev.scalingadvisor.rules.query.Prometheus;
import dev.scalingadvisor.rules.query.PrometheusClient;
import dev.scalingadvisor.rules.rule.RulePack;
import dev.scalingadvisor.rules.rule.RulePackLoader;
import dev.scalingadvisor.rules.rule.RulePackSource;
import dev.scalingadvisor.rules.rule.RuleStatus;
import dev.scalingadvisor.rules.testing.MetricsExporter;
import dev.scalingadvisor.rules.testing.RangesAnsweredApart;
import dev.scalingadvisor.testbed.prometheus.PrometheusExtension;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Live scraping: a series that vanishes from its target gets a staleness marker and drops out of instant
 * queries at once; the rules that read it become unknown, never low.
 */
class StalenessMarkerIT {

    @RegisterExtension
    static PrometheusExtension prometheus = PrometheusExtension.scrapeEvery(Duration.ofSeconds(1));

    private static final MetricsExporter EXPORTER = new MetricsExporter();
    private static final RulePack PACK = RulePackLoader.load(List.of(RulePackSource.Builtin.DEFAULT));
    private static final ScalingSettingsLookup DEFAULTS = ScalingSettingsLookup.always(ScalingSettings.DEFAULTS);

    @AfterAll
    static void stopExporter() {
        EXPORTER.close();
    }

    private static String task(String metric, String job, double value) {
        return "flink_taskmanager_job_task_" + metric + "{job_id=\"" + job + "\",job_name=\"" + job + "\",task_id=\"v-"
                + job + "\",task_name=\"map\",subtask_index=\"0\",tm_id=\"tm-1\",host=\"h1\"} " + value + "\n";
    }

    private static String exposition(boolean withBackpressureOfY, boolean withY) {
        StringBuilder text =
                new StringBuilder("flink_taskmanager_Status_JVM_CPU_Load{tm_id=\"tm-1\",host=\"h1\"} 0.3\n");
        for (String job : List.of("x", "y")) {
            if (job.equals("y") && !withY) {
                continue;
            }
            text.append(task("busyTimeMsPerSecond", job, 100));
            if (!job.equals("y") || withBackpressureOfY) {
                text.append(task("backPressuredTimeMsPerSecond", job, 0));
            }
        }
        return text.toString();
    }

    @Test
    void aVanishedSeriesMakesItsRuleUnknownAtOnce() throws InterruptedException {
        Instant scrapedFrom = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        EXPORTER.serve(exposition(true, true));
        prometheus.scrape("flink", List.of(EXPORTER.target()));
        prometheus
                .queries()
                .await(
                        "flink_taskmanager_job_task_backPressuredTimeMsPerSecond",
                        Duration.ofSeconds(30),
                        samples -> samples.size() == 2,
                        "both jobs' backpressure");
        ScalingEvaluator engine = new ScalingEvaluator(
                PrometheusClient.create(HttpEndpoint.open(URI.create(prometheus.baseUrl()), Duration.ofSeconds(10))),
                PACK,
                EvaluatorSettings.of(Duration.ofSeconds(15), Duration.ofMinutes(2), JobLabels.DEFAULTS));

        CycleEvaluation before = engine.evaluate(Instant.now(), EngineState.EMPTY, DEFAULTS, Map.of());
        assertThat(rule(before, "y", 0)).isEqualTo(RuleStatus.INACTIVE);

        EXPORTER.serve(exposition(false, true));
        prometheus
                .queries()
                .await(
                        "flink_taskmanager_job_task_backPressuredTimeMsPerSecond",
                        Duration.ofSeconds(30),
                        samples -> samples.size() == 1,
                        "only job x's backpressure");
        CycleEvaluation after = engine.evaluate(Instant.now(), before.state(), DEFAULTS, Map.of());

        JobEvaluation y = job(after, "y");
        assertThat(y.rules().get(0).state()).isEqualTo(RuleStatus.UNKNOWN);
        assertThat(y.rules().get(0).reason()).contains("no series for this job");
        assertThat(rule(after, "x", 0)).isEqualTo(RuleStatus.INACTIVE);

        EXPORTER.serve(exposition(false, false));
        prometheus
                .queries()
                .await(
                        "flink_taskmanager_job_task_busyTimeMsPerSecond",
                        Duration.ofSeconds(30),
                        samples -> samples.size() == 1,
                        "only job x");
        CycleEvaluation gone =
                engine.evaluate(Instant.now(), after.state(), DEFAULTS, Map.of(new JobId("y"), JobFacts.NONE));

        assertThat(job(gone, "y").rules()).allSatisfy(r -> assertThat(r.state()).isEqualTo(RuleStatus.UNKNOWN));
        assertThat(gone.state().jobs()).containsKey(new JobId("y"));

        // And a replay of what was scraped reads at every second what instant queries read then, the vanished series
        // dropping out at their staleness markers, which their raw samples do not show; timestamp() is never asked.
        List<String> rangeQueries = new CopyOnWriteArrayList<>();
        Prometheus live =
                PrometheusClient.create(HttpEndpoint.open(URI.create(prometheus.baseUrl()), Duration.ofSeconds(10)));
        Prometheus client = new RangesAnsweredApart(
                live,
                (promql, start, end, step) -> {
                    rangeQueries.add(promql);
                    return live.range(promql, start, end, step);
                },
                "recording range queries");
        ScalingEvaluator everySecond = new ScalingEvaluator(
                client, PACK, EvaluatorSettings.of(Duration.ofSeconds(1), Duration.ofMinutes(2), JobLabels.DEFAULTS));
        // Past job y's end, and long enough ago that no scrape of a replayed second is still on its way into the TSDB.
        Instant scrapedTo = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(3);
        Thread.sleep(Duration.between(Instant.now(), scrapedTo.plusSeconds(5)).toMillis());
        Iterator<CycleReadings> replay = everySecond.history().between(scrapedFrom, scrapedTo);
        Set<Integer> jobsSeen = new TreeSet<>();
        while (replay.hasNext()) {
            CycleReadings step = replay.next();
            assertThat(step.workloadFailure()).isEmpty();
            assertThat(step.loads())
                    .as("at %s", step.at())
                    .isEqualTo(everySecond.read(step.at()).loads());
            jobsSeen.add(step.loads().size());
        }
        assertThat(jobsSeen).as("steps with both jobs and with job x alone").contains(1, 2);
        assertThat(rangeQueries).isNotEmpty().noneMatch(query -> query.startsWith("timestamp("));
    }

    private static RuleStatus rule(CycleEvaluation cycle, String job, int index) {
        return job(cycle, job).rules().get(index).state();
    }

    private static JobEvaluation job(CycleEvaluation cycle, String id) {
        return cycle.jobs().stream()
                .filter(j -> j.job().id().value().equals(id))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no job " + id));
    }
}
