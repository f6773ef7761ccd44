package dev.scalingadvisor.advisor.backtest;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code backtest} found over a past range: per job, what a daemon running over it would have decided
 * and reported, and how provisioned the job was. Its JSON (through {@code Json.mapper()}) is a contract:
 * {@code from}, {@code to}, {@code interval}, {@code jobs[].jobId|jobName|decisions|findings|summary|hourly}.
 *
 * @param problems      what kept Prometheus from answering some steps (the engine decided nothing on them), and
 *                      jobs whose memory reaches further back than the warm-up could replay
 * @param unmatchedJobs jobs seen that {@code --job} did not match (the first few)
 * @param firstData     the first step at which a matched job had readings
 * @param unanswered    the steps on which Prometheus did not answer (a timeout, an error): their readings are
 *                      unknown, not absent
 */
public record BacktestReport(
        Instant from,
        Instant to,
        Duration interval,
        long steps,
        List<JobBacktest> jobs,
        List<String> problems,
        List<String> unmatchedJobs,
        Optional<Instant> firstData,
        Unanswered unanswered) {

    public BacktestReport {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(interval, "interval");
        jobs = List.copyOf(jobs);
        problems = List.copyOf(problems);
        unmatchedJobs = List.copyOf(unmatchedJobs);
        Objects.requireNonNull(firstData, "firstData");
        Objects.requireNonNull(unanswered, "unanswered");
    }

    /**
     * @param steps           steps on which at least one of the replay's queries got no answer from Prometheus
     * @param beforeFirstData how many of them came before {@code firstData} (all of them when there is none)
     * @param first           the first such step and why, e.g. {@code 2026-11-01T00:00:00Z: workload query: ...}
     */
    public record Unanswered(long steps, long beforeFirstData, Optional<String> first) {
        public Unanswered {
            Objects.requireNonNull(first, "first");
        }
    }
}
