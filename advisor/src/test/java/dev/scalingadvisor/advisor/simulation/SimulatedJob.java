package dev.scalingadvisor.advisor.simulation;

import dev.scalingadvisor.core.job.JobFacts;
import dev.scalingadvisor.core.job.JobId;
import dev.scalingadvisor.core.job.VertexFacts;
import dev.scalingadvisor.core.job.VertexId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SplittableRandom;

/**
 * The simulated Flink job the closed loop scales: a source (one subtask) in front of a CPU-heavy keyed operator,
 * on one TaskManager of one host, advanced one second at a time. Its figures follow what the real cluster showed
 * (docs/decision-quality.md, "The model"): the operator's throughput grows with parallelism until the host's cores
 * are used up, its busy time is the share of its capacity the input needs, the source is backpressured when the
 * operator cannot keep up, and the TaskManager's CPU load is the records' CPU cost as a share of the host. A Kafka
 * source accumulates a backlog (pendingRecords) when the job falls behind; a source as fast as it can never does.
 */
final class SimulatedJob {

    static final VertexId SOURCE = new VertexId("source");
    static final VertexId OPERATOR = new VertexId("count-per-key");
    /** The restart's replay: records since the last checkpoint are read again (half an interval on average). */
    private static final Duration CHECKPOINT_INTERVAL = Duration.ofSeconds(10);

    private final Scenario scenario;
    private final SplittableRandom noise;
    final JobId id = new JobId("0000000000000000000000000000000a");
    final String name = "orders";

    private Instant now;
    private int parallelism;
    private double backlog;
    private double processed;
    private double offered;
    private Instant startedAt;
    private Optional<Instant> lastRescaleAt = Optional.empty();
    /** A rescale asked for and not yet carried out by Flink: when and to what. */
    private Optional<Pending> pending = Optional.empty();

    private Instant downUntil;
    /** The backlog at every scrape of the last five minutes, for the slope Prometheus' deriv() computes. */
    private final Deque<double[]> backlogSamples = new ArrayDeque<>();

    private record Pending(Instant at, int parallelism) {}

    SimulatedJob(Scenario scenario, Instant start) {
        this.scenario = scenario;
        this.noise = new SplittableRandom(scenario.seed());
        this.now = start;
        this.parallelism = scenario.initialParallelism();
        this.startedAt = start.minus(Duration.ofHours(1));
        this.downUntil = start;
    }

    /** Records per second the operator can process at {@code p}: linear up to the host's effective cores. */
    double capacity(int p) {
        Host host = scenario.host();
        return scenario.recordsPerSubtask() * Math.min(p, host.effectiveCores());
    }

    /** The least parallelism that keeps up with {@code rate} at the scenario's target utilisation, within the slots. */
    int needed(double rate) {
        for (int p = 1; p <= scenario.host().slots(); p++) {
            if (rate <= capacity(p) * Scenario.TARGET_UTILISATION) {
                return p;
            }
            if (capacity(p + 1) <= capacity(p)) {
                return p; // more subtasks on the same cores buy nothing
            }
        }
        return scenario.host().slots();
    }

    /** Advances the job to {@code to}, one second at a time. */
    void advanceTo(Instant to) {
        while (now.isBefore(to)) {
            now = now.plusSeconds(1);
            pending.filter(p -> !p.at().isAfter(now)).ifPresent(p -> restart(p.parallelism()));
            offered = scenario.load().rate(Duration.between(scenario.start(), now));
            double can = now.isBefore(downUntil) ? 0 : capacity(parallelism);
            if (scenario.source() == Scenario.Source.AS_FAST_AS_IT_CAN) {
                processed = can;
                offered = can;
            } else {
                processed = backlog > 0 ? Math.min(can, backlog + offered) : Math.min(can, offered);
                backlog = Math.max(0, backlog + offered - processed);
            }
        }
    }

    private void restart(int to) {
        pending = Optional.empty();
        parallelism = to;
        startedAt = now;
        lastRescaleAt = Optional.of(now);
        downUntil = now.plus(scenario.host().restartDowntime());
        if (scenario.source() == Scenario.Source.KAFKA) {
            backlog += processed * CHECKPOINT_INTERVAL.toSeconds() / 2.0;
        }
    }

    /**
     * Asks for a rescale, as the executor would: the adaptive scheduler acts after {@code restartDelay}. A target
     * beyond the slots is refused (the executor's free-slots guard), answering false.
     */
    boolean rescale(Instant at, int to) {
        if (to > scenario.host().slots() || to < 1) {
            return false;
        }
        pending = Optional.of(new Pending(at.plus(scenario.host().restartDelay()), to));
        return true;
    }

    /** A rescale asked for or carried out less than {@code verifyWindow} ago: the executor still holds the job. */
    boolean rescaling(Instant at, Duration verifyWindow) {
        return pending.isPresent()
                || lastRescaleAt.map(t -> at.isBefore(t.plus(verifyWindow))).orElse(false);
    }

    /** What one scrape at {@code at} would show; also remembers the backlog for the slope. */
    Scrape scrape(Instant at) {
        boolean down = at.isBefore(downUntil);
        double capacity = capacity(parallelism);
        double busy = capacity == 0 ? 0 : clamp(1000 * processed / capacity + noise.nextGaussian() * 15, 0, 1000);
        boolean saturated = processed >= capacity * 0.999 && capacity > 0;
        double backpressure = saturated
                ? clamp(930 + noise.nextGaussian() * 20, 0, 1000)
                : clamp(10 + noise.nextGaussian() * 5, 0, 1000);
        Host host = scenario.host();
        double cpu = clamp(
                (processed / scenario.recordsPerSubtask() + host.baselineCores()) / host.cores()
                        + noise.nextGaussian() * host.cpuNoise(),
                0,
                1);
        backlogSamples.addLast(new double[] {at.getEpochSecond(), backlog});
        while (backlogSamples.peekFirst()[0] < at.getEpochSecond() - 300) {
            backlogSamples.removeFirst();
        }
        return new Scrape(
                at,
                parallelism,
                busy,
                Math.min(1000, busy * scenario.skew()),
                backpressure,
                processed,
                cpu,
                backlog,
                slope(),
                Duration.between(startedAt, at),
                down);
    }

    /** The least-squares slope of the backlog over the last five minutes: what {@code deriv(…[5m])} returns. */
    private double slope() {
        int n = backlogSamples.size();
        if (n < 2) {
            return 0;
        }
        double mt = 0;
        double mv = 0;
        for (double[] s : backlogSamples) {
            mt += s[0];
            mv += s[1];
        }
        mt /= n;
        mv /= n;
        double num = 0;
        double den = 0;
        for (double[] s : backlogSamples) {
            num += (s[0] - mt) * (s[1] - mv);
            den += (s[0] - mt) * (s[0] - mt);
        }
        return den == 0 ? 0 : num / den;
    }

    /** What the daemon's Flink REST view would say about the job now. */
    JobFacts facts(Instant at) {
        Map<VertexId, VertexFacts> vertices = new LinkedHashMap<>();
        vertices.put(SOURCE, new VertexFacts("Source: orders", 1, OptionalInt.of(128)));
        vertices.put(OPERATOR, new VertexFacts("count-per-key", parallelism, OptionalInt.of(128)));
        return new JobFacts(
                Optional.of(name),
                Optional.of(startedAt),
                vertices,
                lastRescaleAt,
                OptionalInt.of(Math.max(0, scenario.host().slots() - parallelism)));
    }

    int parallelism() {
        return parallelism;
    }

    Scenario.Source scenarioSource() {
        return scenario.source();
    }

    double offered() {
        return offered;
    }

    double processed() {
        return processed;
    }

    double backlog() {
        return backlog;
    }

    private static double clamp(double v, double low, double high) {
        return Math.max(low, Math.min(high, v));
    }

    /** One scrape of the job's metrics. {@code down}: the job is restarting, its task series are gone. */
    record Scrape(
            Instant at,
            int parallelism,
            double busy,
            double hottestBusy,
            double sourceBackpressure,
            double recordsPerSecond,
            double cpu,
            double backlog,
            double backlogGrowth,
            Duration uptime,
            boolean down) {}
}
