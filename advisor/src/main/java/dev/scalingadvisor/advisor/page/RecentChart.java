package dev.scalingadvisor.advisor.page;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scalingadvisor.advisor.backtest.Backtest;
import dev.scalingadvisor.advisor.backtest.BacktestReport;
import dev.scalingadvisor.advisor.backtest.JobBacktest;
import dev.scalingadvisor.advisor.backtest.JobBacktest.DecisionAt;
import dev.scalingadvisor.advisor.backtest.JobChart;
import dev.scalingadvisor.advisor.backtest.Progress;
import dev.scalingadvisor.advisor.config.AdvisorConfig;
import dev.scalingadvisor.advisor.state.DecisionHistory;
import dev.scalingadvisor.advisor.state.HistoryEntry;
import dev.scalingadvisor.core.job.ClusterName;
import dev.scalingadvisor.core.job.JobRef;
import dev.scalingadvisor.core.json.Json;
import dev.scalingadvisor.core.scaling.Direction;
import dev.scalingadvisor.core.scaling.ParallelismChanges;
import dev.scalingadvisor.core.text.Spelling;
import dev.scalingadvisor.rules.evaluation.ScalingEvaluator;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One job's recent hours as the backtest draws them: the rules' values, states and the vertices' parallelism
 * from the engine's replay of Prometheus history (the daemon's own step, {@link Backtest}), and as decision marks
 * what the daemon really told, from the decision history. Nothing of the running daemon changes: the replay
 * starts from an empty engine state of its own.
 */
final class RecentChart {

    /** The kinds of history rows that are a told decision. */
    static final Set<String> DECISION_KINDS = Set.of("decision", "recommendation");

    private static final int DECISIONS_READ = 500;

    private RecentChart() {}

    /**
     * @throws SQLException when the decision history cannot be read
     * @throws RuntimeException when Prometheus cannot be read (the engine's I/O failure)
     */
    static Optional<JobChart> of(
            ScalingEvaluator engine,
            AdvisorConfig config,
            DecisionHistory history,
            JobRef job,
            Optional<ClusterName> cluster,
            Instant from,
            Instant to)
            throws SQLException {
        Backtest backtest = new Backtest(
                engine,
                other -> config.settingsFor(other.id().equals(job.id()) ? cluster : Optional.empty(), other)
                        .scaling(),
                other -> other.id().equals(job.id()),
                true);
        BacktestReport report = backtest.run(from, to, Progress.NONE);
        Optional<JobChart> replayed = report.jobs().stream()
                .filter(j -> j.job().id().equals(job.id()))
                .findFirst()
                .flatMap(JobBacktest::chart);
        if (replayed.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(replayed.get().withDecisions(told(history, job, from)));
    }

    /** The decisions the daemon told about the job since {@code from}, oldest first. */
    private static List<DecisionAt> told(DecisionHistory history, JobRef job, Instant from) throws SQLException {
        List<DecisionAt> decisions = new ArrayList<>();
        for (HistoryEntry entry : history.recent(Optional.of(job.name()), Optional.of(from), DECISIONS_READ)) {
            Optional<Direction> direction = entry.direction().flatMap(RecentChart::direction);
            if (DECISION_KINDS.contains(entry.kind())
                    && direction.isPresent()
                    && direction.get() != Direction.NONE
                    && entry.currentParallelism().isPresent()
                    && entry.targetParallelism().isPresent()) {
                decisions.add(
                        0,
                        new DecisionAt(
                                entry.at(),
                                direction.get(),
                                entry.currentParallelism().getAsInt(),
                                entry.targetParallelism().getAsInt(),
                                ParallelismChanges.NONE,
                                explanation(entry)));
            }
        }
        return decisions;
    }

    /** The history row's explanation, one reason a line, under its summary. */
    static String explanation(HistoryEntry entry) {
        StringBuilder text = new StringBuilder(entry.summary());
        try {
            for (JsonNode reason : Json.mapper().readTree(entry.details()).path("explanation")) {
                text.append('\n').append(reason.asText());
            }
        } catch (IOException e) {
            // A row written by another version may hold other details: its summary still explains it.
        }
        return text.toString();
    }

    private static Optional<Direction> direction(String spelling) {
        return Arrays.stream(Direction.values())
                .filter(d -> Spelling.of(d).equals(spelling))
                .findFirst();
    }
}
