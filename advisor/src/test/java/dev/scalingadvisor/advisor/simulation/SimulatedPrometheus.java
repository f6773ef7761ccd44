package dev.scalingadvisor.advisor.simulation;

import dev.scalingadvisor.rules.query.InstantSeries;
import dev.scalingadvisor.rules.query.JobLabels;
import dev.scalingadvisor.rules.query.Prometheus;
import dev.scalingadvisor.rules.query.QueryOutcome;
import dev.scalingadvisor.rules.query.QueryResult;
import dev.scalingadvisor.rules.query.Sample;
import dev.scalingadvisor.rules.query.SeriesLabels;
import dev.scalingadvisor.rules.rule.Rule;
import dev.scalingadvisor.rules.rule.RulePack;
import dev.scalingadvisor.rules.workload.WorkloadQueries;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Prometheus as the engine's queries would see the simulated job: each of the pack's rules and the two workload
 * queries answered from the last {@link SimulatedJob.Scrape}, computed as their PromQL would compute it (per-vertex
 * averages, the most backpressured vertex, the busiest vertex, the host's CPU, the backlog's slope). The engine asks
 * through the same {@link Prometheus} interface as against a real server, so the daemon's code path runs unchanged.
 * Knows the default pack's signals; another expression is an error, not a silent empty answer.
 */
final class SimulatedPrometheus implements Prometheus {

    private final Map<String, Rule> rules = new HashMap<>();
    /** The workload queries' text, built once: the engine asks them every cycle. */
    private final String vertexQuery;

    private final String jobQuery;
    private final SimulatedJob job;
    private Optional<SimulatedJob.Scrape> scrape = Optional.empty();

    SimulatedPrometheus(RulePack pack, WorkloadQueries workload, SimulatedJob job) {
        pack.rules().forEach(r -> rules.put(r.expr(), r));
        this.vertexQuery = workload.vertexQuery();
        this.jobQuery = workload.jobQuery();
        this.job = job;
    }

    /** What the job's target exported at the last scrape; empty while its metrics are missing. */
    void scraped(Optional<SimulatedJob.Scrape> scrape) {
        this.scrape = scrape;
    }

    @Override
    public QueryOutcome instant(String promql, Instant at) {
        List<InstantSeries> series = new ArrayList<>();
        scrape.filter(s -> !s.down()).ifPresent(s -> answer(promql, s, at, series));
        return new QueryOutcome.Answered(new QueryResult.Vector(series), List.of());
    }

    private void answer(String promql, SimulatedJob.Scrape s, Instant at, List<InstantSeries> out) {
        if (promql.equals(vertexQuery)) {
            vertex(out, s, at, SimulatedJob.SOURCE.value(), "Source:_orders", 1, 40, 40, s.sourceBackpressure());
            vertex(
                    out,
                    s,
                    at,
                    SimulatedJob.OPERATOR.value(),
                    "count_per_key",
                    s.parallelism(),
                    s.busy(),
                    s.hottestBusy(),
                    0);
            return;
        }
        if (promql.equals(jobQuery)) {
            Map<String, String> labels = jobLabels();
            stat(out, labels, at, "uptime_ms", s.uptime().toMillis());
            stat(out, labels, at, "host_cpu_min", s.cpu());
            if (hasBacklog()) {
                stat(out, labels, at, "backlog", s.backlog());
                stat(out, labels, at, "backlog_growth", s.backlogGrowth());
                stat(out, labels, at, "source_rate", s.recordsPerSecond());
            }
            return;
        }
        Rule rule = rules.get(promql);
        if (rule == null) {
            throw new AssertionError("the simulation has no answer for " + promql);
        }
        double value = switch (rule.signal()) {
            case BACKPRESSURE -> s.sourceBackpressure();
            case CPU -> s.cpu();
            case LAG -> hasBacklog() ? s.backlogGrowth() : 0;
            case BUSY -> Math.max(40, s.busy());
            default -> throw new AssertionError("the simulation does not model signal " + rule.signal());
        };
        out.add(series(jobLabels(), at, value));
    }

    private boolean hasBacklog() {
        return job.scenarioSource() == Scenario.Source.KAFKA;
    }

    private Map<String, String> jobLabels() {
        return Map.of(JobLabels.DEFAULTS.jobId(), job.id.value(), JobLabels.DEFAULTS.jobName(), job.name);
    }

    private void vertex(
            List<InstantSeries> out,
            SimulatedJob.Scrape s,
            Instant at,
            String vertex,
            String name,
            int subtasks,
            double busy,
            double hottest,
            double backpressure) {
        Map<String, String> labels = new LinkedHashMap<>(jobLabels());
        labels.put(JobLabels.DEFAULTS.vertexId(), vertex);
        labels.put(JobLabels.DEFAULTS.vertexName(), name);
        // Scrapes happen every 15 s: the oldest subtask sample is up to that old.
        double oldest = at.minus(Duration.ofSeconds(7)).toEpochMilli() / 1000.0;
        stat(out, labels, at, "busy_avg", busy);
        stat(out, labels, at, "busy_max", hottest);
        stat(out, labels, at, "backpressure_avg", backpressure);
        stat(out, labels, at, "subtasks", subtasks);
        stat(out, labels, at, "oldest_sample", oldest);
        stat(out, labels, at, "records_in", s.recordsPerSecond());
        stat(out, labels, at, "records_out", s.recordsPerSecond());
    }

    private static void stat(
            List<InstantSeries> out, Map<String, String> labels, Instant at, String stat, double value) {
        Map<String, String> all = new LinkedHashMap<>(labels);
        all.put(WorkloadQueries.STAT_LABEL, stat);
        out.add(series(all, at, value));
    }

    private static InstantSeries series(Map<String, String> labels, Instant at, double value) {
        return new InstantSeries(SeriesLabels.of(labels), new Sample(at, value));
    }

    @Override
    public QueryOutcome range(String promql, Instant start, Instant end, Duration step) {
        // The closed loop starts from an empty state at the scenario's start: there is no history to replay.
        return new QueryOutcome.Answered(new QueryResult.Matrix(List.of()), List.of());
    }

    @Override
    public String displayName() {
        return "simulated Prometheus";
    }
}
