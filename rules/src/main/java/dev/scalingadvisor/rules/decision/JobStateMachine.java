package dev.scalingadvisor.rules.decision;

import dev.scalingadvisor.core.job.VertexId;
import dev.scalingadvisor.core.scaling.Direction;
import dev.scalingadvisor.core.scaling.ParallelismChanges;
import dev.scalingadvisor.core.text.ValueText;
import dev.scalingadvisor.core.time.PrometheusDurations;
import dev.scalingadvisor.rules.explain.DecisionGuard;
import dev.scalingadvisor.rules.explain.Explanation;
import dev.scalingadvisor.rules.explain.Reason;
import dev.scalingadvisor.rules.policy.Vertex;
import dev.scalingadvisor.rules.rule.Reading;
import dev.scalingadvisor.rules.rule.Rule;
import dev.scalingadvisor.rules.rule.RuleName;
import dev.scalingadvisor.rules.rule.RuleStatus;
import dev.scalingadvisor.rules.rule.RuleTimer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The per-job state machine, {@code steady → up-candidate | down-candidate → decided → cooldown}: one
 * pure step per cycle from the previous {@link JobMemory} and what the cycle observed to the next state and
 * an explained {@link Decision}. Time comes in with the input; nothing here reads a clock.
 *
 * <p>Order of business: notice restarts and rescales; mask every rule's reading while the job stabilizes
 * after a (re)start; advance each rule's timer; then a firing up-rule means a scale-up (it cancels any
 * pending scale-down), and only when every down-rule fires and every up-rule is known and quiet does a
 * scale-down start its delay. Unknown is never read as low.
 */
public final class JobStateMachine {

    private JobStateMachine() {}

    public static JobStep step(JobMemory previous, JobInput in) {
        Instant now = in.now();
        ScalingSettings settings = in.settings();
        Optional<Instant> startedAt = in.startedAt().or(previous::startedAt);
        Map<VertexId, Integer> parallelism = new LinkedHashMap<>();
        in.shape().vertices().forEach(v -> parallelism.put(v.id(), v.parallelism()));
        boolean rescaled = !previous.parallelism().isEmpty()
                && !parallelism.isEmpty()
                && !previous.parallelism().equals(parallelism);
        Optional<Instant> lastRescaleAt = latest(
                latest(previous.lastRescaleAt(), in.facts().lastRescaleAt()),
                rescaled ? Optional.of(now) : Optional.empty());
        Map<VertexId, ScaleUpRecord> scaleUps =
                reached(previous.scaleUps(), in.shape().vertices(), now);

        Optional<Instant> stableFrom =
                startedAt.map(t -> t.plus(settings.stabilization())).filter(now::isBefore);
        Map<RuleName, RuleTimer> rules = new LinkedHashMap<>();
        for (Rule rule : in.pack().rules()) {
            Reading reading = stableFrom
                    .<Reading>map(until -> new Reading.Missing("ignored while the job stabilizes after"
                            + " its (re)start at " + startedAt.get() + ", until " + until))
                    .orElseGet(() ->
                            in.readings().getOrDefault(rule.name(), new Reading.Missing("no series for this job")));
            rules.put(rule.name(), previous.rule(rule.name()).next(rule, reading, now));
        }
        Optional<PendingScaleDown> pending = rescaled ? Optional.empty() : previous.pendingScaleDown();
        boolean fresh =
                stableFrom.isEmpty() && in.readings().values().stream().anyMatch(r -> r instanceof Reading.Value);
        HeldGuards held = HeldGuards.step(previous, in, fresh);
        Context context = new Context(in, rules, startedAt, lastRescaleAt, parallelism, now, held);

        if (stableFrom.isPresent()) {
            Reason blocked = new Reason.Blocked(
                    DecisionGuard.STABILIZATION,
                    "the job (re)started at " + startedAt.get() + "; its metrics are ignored for stabilization "
                            + PrometheusDurations.format(settings.stabilization()),
                    stableFrom);
            return context.finish(
                    JobPhase.STABILIZING, none(in, List.of(blocked)), List.of(), Optional.empty(), scaleUps);
        }
        List<Rule> firingUp = in.pack().up().stream()
                .filter(r -> rules.get(r.name()).status().isFiring())
                .toList();
        if (!firingUp.isEmpty()) {
            List<Reason> reasons = new ArrayList<>(fired(in, firingUp, rules));
            Plan plan = ScaleUpPlanner.plan(in, firingUp, lastRescaleAt, scaleUps, held);
            reasons.addAll(plan.reasons());
            if (!plan.decided()) {
                return context.finish(
                        JobPhase.UP_CANDIDATE, none(in, reasons), plan.findings(), Optional.empty(), plan.scaleUps());
            }
            return context.finish(
                    JobPhase.DECIDED,
                    decision(Direction.UP, in, plan.changes(), reasons),
                    plan.findings(),
                    Optional.empty(),
                    plan.scaleUps());
        }
        List<Rule> down = in.pack().down();
        boolean everyDownFiring = !down.isEmpty()
                && down.stream().allMatch(r -> rules.get(r.name()).status().isFiring());
        List<Rule> upNotQuiet = in.pack().up().stream()
                .filter(r -> !rules.get(r.name()).status().isQuiet())
                .toList();
        if (everyDownFiring && upNotQuiet.isEmpty()) {
            List<Reason> reasons = new ArrayList<>(fired(in, down, rules));
            Plan plan = ScaleDownPlanner.plan(in, down, lastRescaleAt, pending, scaleUps);
            reasons.addAll(plan.reasons());
            if (!plan.decided()) {
                return context.finish(
                        JobPhase.DOWN_CANDIDATE,
                        none(in, reasons),
                        List.of(),
                        plan.pendingScaleDown(),
                        plan.scaleUps());
            }
            return context.finish(
                    JobPhase.DECIDED,
                    decision(Direction.DOWN, in, plan.changes(), reasons),
                    List.of(),
                    plan.pendingScaleDown(),
                    plan.scaleUps());
        }
        List<Reason> reasons = new ArrayList<>(notReady(in, rules, everyDownFiring ? upNotQuiet : List.of()));
        if (reasons.isEmpty()) {
            reasons.add(new Reason.Note("no rule asks for a change"));
        }
        Optional<Instant> cooling = lastRescaleAt
                .map(t -> t.plus(max(settings.scaleUpCooldown(), settings.scaleDownCooldown())))
                .filter(now::isBefore);
        return context.finish(
                cooling.isPresent() ? JobPhase.COOLDOWN : JobPhase.STEADY,
                none(in, reasons),
                List.of(),
                Optional.empty(),
                scaleUps);
    }

    /** The cycle's context, to assemble the step at the end of any branch. */
    private record Context(
            JobInput in,
            Map<RuleName, RuleTimer> rules,
            Optional<Instant> startedAt,
            Optional<Instant> lastRescaleAt,
            Map<VertexId, Integer> parallelism,
            Instant now,
            HeldGuards held) {
        JobStep finish(
                JobPhase phase,
                Decision decision,
                List<Finding> findings,
                Optional<PendingScaleDown> pending,
                Map<VertexId, ScaleUpRecord> scaleUps) {
            JobMemory state = new JobMemory(
                    rules,
                    phase,
                    pending,
                    startedAt,
                    lastRescaleAt,
                    parallelism,
                    scaleUps,
                    now,
                    held.cpuSaturated(),
                    held.skew());
            return new JobStep(state, phase, decision, findings);
        }
    }

    private static List<Reason> fired(JobInput in, List<Rule> rules, Map<RuleName, RuleTimer> timers) {
        List<Reason> reasons = new ArrayList<>();
        for (Rule rule : rules) {
            RuleTimer timer = timers.get(rule.name());
            Reading reading = in.readings().get(rule.name());
            double value = timer.lastValue().orElse(Double.NaN);
            Optional<String> vertex = Optional.empty();
            Map<String, String> labels = Map.of();
            if (reading instanceof Reading.Value v) {
                vertex = v.vertex().map(id -> vertexLabel(in, id));
                labels = v.labels();
            }
            String summary =
                    rule.summary().render(value, rule.threshold(), in.job().name(), vertex.orElse(""), labels);
            reasons.add(new Reason.RuleFired(
                    rule.name(),
                    rule.signal(),
                    rule.direction(),
                    value,
                    vertex,
                    rule.threshold(),
                    timer.heldFor(in.now()),
                    rule.forDuration(),
                    summary,
                    rule.expr()));
        }
        return reasons;
    }

    /** Rules worth mentioning when nothing is decided: pending ones (how far along) and unknown ones (why). */
    private static List<Reason> notReady(JobInput in, Map<RuleName, RuleTimer> timers, List<Rule> upBlockingDown) {
        List<Reason> reasons = new ArrayList<>();
        for (Rule rule : in.pack().rules()) {
            RuleTimer timer = timers.get(rule.name());
            String direction = rule.direction().spelling();
            if (timer.status() == RuleStatus.PENDING) {
                reasons.add(new Reason.RuleNotReady(
                        rule.name().value(),
                        direction,
                        "pending",
                        "value " + timer.lastValue().map(ValueText::of).orElse("?") + " "
                                + rule.threshold().describe()
                                + " for " + PrometheusDurations.format(timer.heldFor(in.now())) + " of "
                                + PrometheusDurations.format(rule.forDuration())));
            } else if (timer.status() == RuleStatus.UNKNOWN) {
                reasons.add(new Reason.RuleNotReady(
                        rule.name().value(),
                        direction,
                        "unknown",
                        timer.unknownReason().orElse("")));
            }
        }
        if (!upBlockingDown.isEmpty()) {
            reasons.add(new Reason.Note("every down-rule fires, but a scale-down needs every up-rule known and quiet"));
        }
        return reasons;
    }

    private static Decision decision(
            Direction direction, JobInput in, ParallelismChanges changes, List<Reason> reasons) {
        return new Decision(direction, in.shape().parallelism(), changes, new Explanation(reasons));
    }

    private static Decision none(JobInput in, List<Reason> reasons) {
        return Decision.none(in.shape().parallelism(), new Explanation(reasons));
    }

    /** Marks each recorded scale-up reached once its vertex runs at (or above) the new parallelism. */
    private static Map<VertexId, ScaleUpRecord> reached(
            Map<VertexId, ScaleUpRecord> records, List<Vertex> vertices, Instant now) {
        Map<VertexId, ScaleUpRecord> updated = new LinkedHashMap<>();
        records.forEach((id, record) -> {
            Optional<Vertex> vertex =
                    vertices.stream().filter(v -> v.id().equals(id)).findFirst();
            boolean reachedNow = record.reachedAt().isEmpty()
                    && vertex.map(v -> v.parallelism() >= record.to()).orElse(false);
            updated.put(id, reachedNow ? record.reached(now) : record);
        });
        return updated;
    }

    private static String vertexLabel(JobInput in, VertexId id) {
        return in.shape().vertices().stream()
                .filter(v -> v.id().equals(id))
                .findFirst()
                .map(Vertex::label)
                .orElse(id.value());
    }

    private static Optional<Instant> latest(Optional<Instant> a, Optional<Instant> b) {
        if (a.isEmpty()) {
            return b;
        }
        if (b.isEmpty()) {
            return a;
        }
        return Optional.of(a.get().isAfter(b.get()) ? a.get() : b.get());
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
