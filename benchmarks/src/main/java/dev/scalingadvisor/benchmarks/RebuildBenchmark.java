package dev.scalingadvisor.benchmarks;

import dev.scalingadvisor.core.http.HttpEndpoint;
import dev.scalingadvisor.rules.decision.ScalingSettings;
import dev.scalingadvisor.rules.evaluation.EngineState;
import dev.scalingadvisor.rules.evaluation.EvaluatorSettings;
import dev.scalingadvisor.rules.evaluation.ScalingEvaluator;
import dev.scalingadvisor.rules.evaluation.ScalingSettingsLookup;
import dev.scalingadvisor.rules.query.JobLabels;
import dev.scalingadvisor.rules.query.PrometheusClient;
import dev.scalingadvisor.testbed.prometheus.PrometheusOptions;
import dev.scalingadvisor.testbed.prometheus.PrometheusServer;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The daemon's start-up replay for a fleet of jobs × 6 rules against a real Prometheus: one range query per
 * rule (plus one for freshness and uptime) over the rules' memory (30 m at 15 s), replayed through every
 * job's rule timers.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 10)
@Measurement(iterations = 3, time = 20)
@Fork(1)
public class RebuildBenchmark {

    @Param({"100", "1000"})
    public int jobs;

    private PrometheusServer prometheus;
    private ScalingEvaluator engine;
    private final ScalingSettingsLookup lookup = ScalingSettingsLookup.always(ScalingSettings.DEFAULTS);

    @Setup(Level.Trial)
    public void start() {
        prometheus = PrometheusServer.start(PrometheusOptions.defaults()
                .withBackfill(new Fleet(jobs)
                        .history(EvaluationCycleBenchmark.HISTORY_FROM, EvaluationCycleBenchmark.HISTORY_TO)));
        engine = new ScalingEvaluator(
                PrometheusClient.create(HttpEndpoint.open(URI.create(prometheus.baseUrl()), Duration.ofSeconds(60))),
                EvaluationCycleBenchmark.pack(),
                EvaluatorSettings.of(Fleet.STEP, Duration.ofMinutes(2), JobLabels.DEFAULTS));
    }

    @TearDown(Level.Trial)
    public void stop() {
        prometheus.close();
    }

    @Benchmark
    public EngineState rebuild() {
        return engine.rebuild(EvaluationCycleBenchmark.HISTORY_TO, EngineState.EMPTY, lookup, Map.of());
    }
}
