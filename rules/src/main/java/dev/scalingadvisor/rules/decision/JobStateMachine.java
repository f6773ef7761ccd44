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
import dev.scalingadvisor.rules.workload.VertexLoad;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

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
        Map<VertexId, Integer> before = knownParallelism(previous, settings, now);
        // A rescale changes the parallelism of a vertex seen before and now. A vertex that appears or drops out is
        // not one: a job's subtasks deploy (and first report) a scrape or more apart, and a series can go stale.
        boolean rescaled = false;
        for (Map.Entry<VertexId, Integer> seen : before.entrySet()) {
            Integer current = parallelism.get(seen.getKey());
            rescaled |= current != null && !current.equals(seen.getValue());
        }
        Optional<Instant> lastRescaleAt = latest(
                latest(previous.lastRescaleAt(), in.facts().lastRescaleAt()),
                rescaled ? Optional.of(now) : Optional.empty());
        Map<VertexId, ScaleUpRecord> scaleUps = scaleUpsSeen(previous, before, in, now);

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
        Optional<BacklogTrend> backlogTrend = BacklogTrend.next(
                previous.backlogTrend(), fresh ? in.shape().lag().backlog() : OptionalDouble.empty(), now);
        Context context =
                new Context(in, rules, startedAt, lastRescaleAt, parallelism, previous, now, held, backlogTrend);

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
            Plan plan = ScaleUpPlanner.plan(in, firingUp, lastRescaleAt, scaleUps, held, backlogTrend);
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
            JobMemory previous,
            Instant now,
            HeldGuards held,
            Optional<BacklogTrend> backlogTrend) {
        JobStep finish(
                JobPhase phase,
                Decision decision,
                List<Finding> findings,
                Optional<PendingScaleDown> pending,
                Map<VertexId, ScaleUpRecord> scaleUps) {
            boolean known = !parallelism.isEmpty();
            Map<VertexId, Double> throughput = new LinkedHashMap<>();
            in.shape()
                    .vertices()
                    .forEach(v -> v.load()
                            .map(VertexLoad::throughput)
                            .filter(OptionalDouble::isPresent)
                            .ifPresent(t -> throughput.put(v.id(), t.getAsDouble())));
            JobMemory state = new JobMemory(
                    rules,
                    phase,
                    pending,
                    startedAt,
                    lastRescaleAt,
                    known ? parallelism : previous.parallelism(),
                    known ? Optional.of(now) : previous.parallelismSeenAt(),
                    throughput,
                    scaleUps,
                    now,
                    held.cpuSaturated(),
                    held.skew(),
                    backlogTrend);
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
                vertex = v.vertex().map(in.shape()::label);
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

    /**
     * The parallelism the job ran at when last known, if that is recent enough to count a change from it as a
     * rescale: after longer than the cooldowns without it, a change could have happened at any time in between,
     * and its cooldown would be over anyway.
     */
    private static Map<VertexId, Integer> knownParallelism(JobMemory previous, ScalingSettings settings, Instant now) {
        Duration cooldown = max(settings.scaleUpCooldown(), settings.scaleDownCooldown());
        boolean recent = previous.parallelismSeenAt()
                .map(at -> !now.isAfter(at.plus(cooldown)))
                .orElse(false);
        return recent ? previous.parallelism() : Map.of();
    }

    /**
     * The scale-up records after this cycle: those that no longer matter dropped, a vertex seen at a higher
     * parallelism than before recorded (with its throughput of the cycle before as the baseline), a vertex seen
     * lower forgotten (its scale-up was undone).
     */
    private static Map<VertexId, ScaleUpRecord> scaleUpsSeen(
            JobMemory previous, Map<VertexId, Integer> before, JobInput in, Instant now) {
        Duration blockFor = in.settings().ineffectiveScaleUp().blockFor();
        Map<VertexId, ScaleUpRecord> records = new LinkedHashMap<>();
        previous.scaleUps().forEach((id, record) -> {
            if (record.matters(now, blockFor)) {
                records.put(id, record);
            }
        });
        for (Vertex v : in.shape().vertices()) {
            Integer was = before.get(v.id());
            if (was == null || was == v.parallelism()) {
                continue;
            }
            if (v.parallelism() > was) {
                records.put(
                        v.id(),
                        ScaleUpRecord.seen(
                                v.label(),
                                was,
                                v.parallelism(),
                                Optional.ofNullable(previous.throughput().get(v.id())),
                                now));
            } else {
                records.remove(v.id());
            }
        }
        return records;
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
