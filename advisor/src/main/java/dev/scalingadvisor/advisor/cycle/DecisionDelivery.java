package dev.scalingadvisor.advisor.cycle;

import dev.scalingadvisor.actions.rescale.request.RescaleRequest;
import dev.scalingadvisor.advisor.config.JobSettings;
import dev.scalingadvisor.advisor.config.Mode;
import dev.scalingadvisor.advisor.pause.Pause;
import dev.scalingadvisor.advisor.state.HistoryEntry;
import dev.scalingadvisor.advisor.state.Persistence;
import dev.scalingadvisor.core.job.ClusterName;
import dev.scalingadvisor.core.job.JobRef;
import dev.scalingadvisor.core.text.Spelling;
import dev.scalingadvisor.rules.decision.Decision;
import dev.scalingadvisor.rules.evaluation.JobEvaluation;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one cycle's {@link Transition}s as each job's mode says: every new decision, resolution and finding
 * leaves one log line, one metric and one history row; in {@code recommend} mode decisions and findings go
 * to the notifiers (their noise control decides what reaches people), in {@code act} mode decisions go to the
 * rescale worker. A paused job's decisions and findings are logged and recorded but neither sent nor carried out.
 * Made for one cycle.
 */
final class DecisionDelivery implements Transition.Handler {

    private static final Logger LOG = LoggerFactory.getLogger(AdvisorCycle.class);

    private final Advisor.Configured configured;
    private final Instant at;
    private final RescaleWorker worker;
    private final Persistence persistence;
    private final AdvisorMetrics metrics;
    private final Function<JobRef, Optional<Pause>> pauses;

    /** @param pauses the pause that holds each job in this cycle, if any */
    DecisionDelivery(
            Advisor.Configured configured,
            Instant at,
            RescaleWorker worker,
            Persistence persistence,
            AdvisorMetrics metrics,
            Function<JobRef, Optional<Pause>> pauses) {
        this.configured = configured;
        this.at = at;
        this.worker = worker;
        this.persistence = persistence;
        this.metrics = metrics;
        this.pauses = pauses;
    }

    @Override
    public void decided(Transition.Decided decided) {
        JobEvaluation job = decided.evaluation();
        Decision decision = job.decision();
        Optional<Pause> pause = pausing(job.job());
        if (decided.fresh()) {
            metrics.decisions
                    .labelValues(decision.direction().spelling(), Spelling.of(decided.mode()))
                    .inc();
            LOG.info(
                    "job={} id={} decision=scale_{} from={} to={} changes=\"{}\" mode={}{} reason=\"{}\"",
                    job.job().name(),
                    job.job().id(),
                    decision.direction().spelling(),
                    decision.currentParallelism(),
                    decision.targetParallelism(),
                    decision.changes(),
                    Spelling.of(decided.mode()),
                    pause.map(p -> " paused=\"" + p.describe() + ": not sent, not carried out\"")
                            .orElse(""),
                    decision.explanation().summary());
        }
        if (pause.isEmpty()) {
            switch (decided.mode()) {
                case OBSERVE -> {}
                case RECOMMEND ->
                    configured.notifications().publish(configured.events().recommendation(job, decided.cluster(), at));
                case ACT -> decided.cluster().ifPresent(cluster -> act(job, cluster));
            }
        }
        // Recorded after the rescale is handed over, not before: the row takes the first decision tens of
        // milliseconds to write, which Flink need not wait for. The history orders rows by their time, and the
        // decision's is the cycle's, before anything its rescale records.
        if (decided.fresh()) {
            String kind = decided.mode() == Mode.RECOMMEND ? "recommendation" : "decision";
            append(HistoryRows.decision(kind, job, decided.cluster(), decided.mode(), at, pause));
        }
    }

    private void act(JobEvaluation job, ClusterName cluster) {
        if (worker.busy(new JobOnCluster(cluster, job.job().name()))) {
            return;
        }
        JobSettings settings = configured.config().settingsFor(Optional.of(cluster), job.job());
        Decision decision = job.decision();
        worker.submit(new RescaleRequest(
                cluster,
                job.job(),
                decision.changes(),
                settings.rescale(),
                decision.explanation().summary(),
                Optional.of(new DecisionContext(decision))));
    }

    @Override
    public void resolved(Transition.Resolved resolved) {
        Decision decision = resolved.decision();
        LOG.info(
                "job={} id={} decision={} was=scale_{} from={} to={} mode={} next=\"the {} {}\"",
                resolved.job().name(),
                resolved.job().id(),
                resolved.resolution() == Transition.Resolution.CARRIED_OUT ? "carried-out" : "resolved",
                decision.direction().spelling(),
                decision.currentParallelism(),
                decision.targetParallelism(),
                Spelling.of(resolved.mode()),
                resolved.mode() == Mode.RECOMMEND ? "recommendation" : "decision",
                resolved.resolution().wording());
        switch (resolved.mode()) {
            case OBSERVE -> append(HistoryRows.resolved("decision-resolved", resolved, at));
            case RECOMMEND -> {
                append(HistoryRows.resolved("recommendation-resolved", resolved, at));
                if (pausing(resolved.job()).isEmpty()) {
                    configured
                            .notifications()
                            .publish(configured.events().resolved(resolved.job(), decision, resolved.cluster(), at));
                }
            }
            case ACT -> {} // carried out or overtaken: the rescale's own events tell the story
        }
    }

    @Override
    public void findingHolds(Transition.FindingHolds finding) {
        if (finding.fresh()) {
            LOG.warn(
                    "job={} id={} finding={} {}",
                    finding.evaluation().job().name(),
                    finding.evaluation().job().id(),
                    finding.finding().kind(),
                    finding.finding().text());
            append(HistoryRows.finding(finding.evaluation(), finding.finding(), finding.cluster(), finding.mode(), at));
        }
        if (finding.mode() != Mode.OBSERVE
                && pausing(finding.evaluation().job()).isEmpty()) {
            configured
                    .notifications()
                    .publish(configured
                            .events()
                            .finding(finding.evaluation(), finding.finding(), finding.cluster(), at));
        }
    }

    @Override
    public void findingCleared(Transition.FindingCleared finding) {
        LOG.info(
                "job={} id={} finding={} cleared",
                finding.job().name(),
                finding.job().id(),
                finding.finding());
    }

    @Override
    public void withoutCluster(Transition.WithoutCluster job) {
        LOG.warn(
                "job={} id={}: act mode, but no Flink cluster reports this job; not rescaling it",
                job.job().name(),
                job.job().id());
    }

    @Override
    public void problemRaised(Transition.ProblemRaised problem) {
        LOG.warn("{}", problem.problem());
    }

    @Override
    public void problemResolved(Transition.ProblemResolved problem) {
        LOG.info("resolved: {}", problem.problem());
    }

    private Optional<Pause> pausing(JobRef job) {
        return pauses.apply(job);
    }

    private void append(HistoryEntry entry) {
        try {
            persistence.history().append(entry);
        } catch (SQLException e) {
            LOG.error("cannot record in the decision history: {} ({})", entry.summary(), e.getMessage());
        }
    }
}
