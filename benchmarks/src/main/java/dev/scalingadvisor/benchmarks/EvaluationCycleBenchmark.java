package dev.scalingadvisor.benchmarks;

import dev.scalingadvisor.core.http.HttpEndpoint;
import dev.scalingadvisor.rules.decision.ScalingSettings;
import dev.scalingadvisor.rules.evaluation.CycleEvaluation;
import dev.scalingadvisor.rules.evaluation.EngineState;
import dev.scalingadvisor.rules.evaluation.EvaluatorSettings;
import dev.scalingadvisor.rules.evaluation.ScalingEvaluator;
import dev.scalingadvisor.rules.evaluation.ScalingSettingsLookup;
import dev.scalingadvisor.rules.query.JobLabels;
import dev.scalingadvisor.rules.query.Prometheus;
import dev.scalingadvisor.rules.query.PrometheusClient;
import dev.scalingadvisor.rules.query.QueryOutcome;
import dev.scalingadvisor.rules.rule.RulePack;
import dev.scalingadvisor.rules.rule.RulePackLoader;
import dev.scalingadvisor.rules.rule.RulePackSource;
import dev.scalingadvisor.testbed.prometheus.PrometheusOptions;
import dev.scalingadvisor.testbed.prometheus.PrometheusServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
 * One evaluation cycle for a fleet of jobs × 6 rules (the default pack plus two): queries, answers, grouping
 * per job, every job's state machine. {@code source=canned} answers from pre-rendered JSON (the advisor's own
 * cost); {@code source=prometheus} is a real Prometheus over backfilled history (end to end, PromQL
 * included). {@link RebuildBenchmark} measures the start-up replay.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 10)
@Fork(1)
public class EvaluationCycleBenchmark {

    static final Instant HISTORY_FROM = Instant.parse("2025-06-01T00:00:00Z");
    static final Instant HISTORY_TO = HISTORY_FROM.plus(Duration.ofMinutes(40));

    @Param({"100", "1000"})
    public int jobs;

    @Param({"canned", "prometheus"})
    public String source;

    private AutoCloseable server;
    private ScalingEvaluator engine;
    private CountingPrometheus counting;
    private EngineState state;
    private Instant at;
    private final ScalingSettingsLookup lookup = ScalingSettingsLookup.always(ScalingSettings.DEFAULTS);

    @Setup(Level.Trial)
    public void start() {
        RulePack pack = pack();
        Fleet fleet = new Fleet(jobs);
        String url;
        if (source.equals("canned")) {
            CannedPrometheus canned = new CannedPrometheus();
            CannedAnswers.install(canned, fleet, pack);
            server = canned;
            url = canned.baseUrl();
        } else {
            PrometheusServer prometheus = PrometheusServer.start(
                    PrometheusOptions.defaults().withBackfill(fleet.history(HISTORY_FROM, HISTORY_TO)));
            server = prometheus;
            url = prometheus.baseUrl();
        }
        counting = new CountingPrometheus(
                PrometheusClient.create(HttpEndpoint.open(URI.create(url), Duration.ofSeconds(30))));
        engine = new ScalingEvaluator(
                counting, pack, EvaluatorSettings.of(Fleet.STEP, Duration.ofMinutes(2), JobLabels.DEFAULTS));
        state = EngineState.EMPTY;
        at = HISTORY_TO.minus(Duration.ofMinutes(5));
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
        if (cycles > 0) {
            System.out.println("\nqueries per cycle: " + counting.perCycle()
                    + "; CPU time of the evaluating thread per cycle: " + cpuNanos / cycles / 1_000_000 + " ms over "
                    + cycles + " cycles (" + jobs + " jobs, " + source + ")");
        }
        server.close();
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private long cpuNanos;
    private long cycles;

    /** One cycle; the instant moves 15 s per call and wraps within the history, as a running daemon's would. */
    @Benchmark
    public CycleEvaluation cycle() {
        long cpuBefore = THREADS.getCurrentThreadCpuTime();
        counting.startCycle();
        CycleEvaluation cycle = engine.evaluate(at, state, lookup, Map.of());
        counting.endCycle();
        cpuNanos += THREADS.getCurrentThreadCpuTime() - cpuBefore;
        cycles++;
        state = cycle.state();
        at = at.plus(Fleet.STEP);
        if (at.isAfter(HISTORY_TO)) {
            at = HISTORY_TO.minus(Duration.ofMinutes(5));
        }
        return cycle;
    }

    static RulePack pack() {
        try (InputStream in =
                EvaluationCycleBenchmark.class.getClassLoader().getResourceAsStream("benchmark-pack.yaml")) {
            Path file = Files.createTempFile("benchmark-pack", ".yaml");
            Files.write(file, in.readAllBytes());
            RulePack pack = RulePackLoader.load(List.of(RulePackSource.Builtin.DEFAULT, new RulePackSource.File(file)));
            Files.delete(file);
            return pack;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Counts queries per cycle (instant ones: what {@code cycle} makes). */
    static final class CountingPrometheus implements Prometheus {
        private final Prometheus delegate;
        private final AtomicInteger current = new AtomicInteger();
        private volatile int last;

        CountingPrometheus(Prometheus delegate) {
            this.delegate = delegate;
        }

        void startCycle() {
            current.set(0);
        }

        void endCycle() {
            last = current.get();
        }

        int perCycle() {
            return last;
        }

        @Override
        public QueryOutcome instant(String promql, Instant when) {
            current.incrementAndGet();
            return delegate.instant(promql, when);
        }

        @Override
        public QueryOutcome range(String promql, Instant start, Instant end, Duration step) {
            return delegate.range(promql, start, end, step);
        }

        @Override
        public String displayName() {
            return delegate.displayName();
        }
    }
}
