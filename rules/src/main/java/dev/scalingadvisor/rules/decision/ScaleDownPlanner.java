package dev.scalingadvisor.rules.decision;

import dev.scalingadvisor.core.job.VertexId;
import dev.scalingadvisor.core.scaling.ParallelismChange;
import dev.scalingadvisor.core.scaling.ParallelismChanges;
import dev.scalingadvisor.core.time.PrometheusDurations;
import dev.scalingadvisor.rules.explain.DecisionGuard;
import dev.scalingadvisor.rules.explain.Reason;
import dev.scalingadvisor.rules.policy.JobShape;
import dev.scalingadvisor.rules.policy.Vertex;
import dev.scalingadvisor.rules.rule.Rule;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Plans a scale-down that every down-rule asks for (and no up-rule objects to): the cooldown, sizing,
 * bounds and alignment, then the delay: the scale-down must stay recommended for {@code scaleDownDelay},
 * and the highest target of the last {@code scaleDownDelay} is what is decided.
 */
final class ScaleDownPlanner {

    private ScaleDownPlanner() {}

    static Plan plan(
            JobInput in,
            List<Rule> down,
            Optional<Instant> lastRescaleAt,
            Optional<PendingScaleDown> pending,
            Map<VertexId, ScaleUpRecord> scaleUps) {
        Instant now = in.now();
        ScalingSettings settings = in.settings();
        List<Reason> reasons = new ArrayList<>();
        Optional<Instant> cooldownUntil =
                lastRescaleAt.map(t -> t.plus(settings.scaleDownCooldown())).filter(now::isBefore);
        if (cooldownUntil.isPresent()) {
            reasons.add(new Reason.Blocked(
                    DecisionGuard.SCALE_DOWN_COOLDOWN,
                    "the job was rescaled at " + lastRescaleAt.get() + "; scaleDownCooldown "
                            + PrometheusDurations.format(settings.scaleDownCooldown()),
                    cooldownUntil));
            return new Plan(ParallelismChanges.NONE, reasons, List.of(), Optional.empty(), scaleUps);
        }
        JobShape shape = in.shape();
        if (shape.vertices().isEmpty()) {
            reasons.add(ScaleUpPlanner.missingParallelism());
            return new Plan(ParallelismChanges.NONE, reasons, List.of(), Optional.empty(), scaleUps);
        }
        Map<VertexId, Integer> raw = RuleSizing.size(down, false, shape, settings.policy(), reasons);
        List<Reason.Blocked> blocked = new ArrayList<>();
        ParallelismChanges changes = RuleSizing.bound(raw, false, shape, settings, reasons, blocked);
        if (changes.isEmpty()) {
            reasons.addAll(blocked);
            if (raw.isEmpty()) {
                reasons.add(new Reason.Blocked(
                        DecisionGuard.NOTHING_TO_SIZE,
                        "no vertex can shrink by the sizing policies",
                        Optional.empty()));
            }
            return new Plan(ParallelismChanges.NONE, reasons, List.of(), Optional.empty(), scaleUps);
        }

        // A vertex not shrinking in this cycle counts at its current parallelism.
        Map<VertexId, Integer> thisCycle = new LinkedHashMap<>();
        for (Vertex v : shape.vertices()) {
            thisCycle.put(v.id(), v.parallelism());
        }
        changes.vertices().forEach(c -> thisCycle.put(c.vertex(), c.to()));
        PendingScaleDown window = PendingScaleDown.next(pending, now, thisCycle, settings.scaleDownDelay());
        Instant since = window.since();
        Map<VertexId, Integer> highest = window.highest(thisCycle);
        Duration waited = Duration.between(since, now);
        ParallelismChanges decided = new ParallelismChanges(shape.vertices().stream()
                .filter(v -> highest.get(v.id()) < v.parallelism())
                .map(v -> new ParallelismChange(v.id(), v.label(), v.parallelism(), highest.get(v.id())))
                .toList());
        String delay = PrometheusDurations.format(settings.scaleDownDelay());
        if (decided.isEmpty()) {
            reasons.add(new Reason.Blocked(
                    DecisionGuard.SCALE_DOWN_DELAY,
                    "a higher target in the last " + delay + " leaves nothing to shrink",
                    Optional.of(since.plus(settings.scaleDownDelay()))));
            return new Plan(ParallelismChanges.NONE, reasons, List.of(), Optional.of(window), scaleUps);
        }
        if (waited.compareTo(settings.scaleDownDelay()) < 0) {
            reasons.add(new Reason.Blocked(
                    DecisionGuard.SCALE_DOWN_DELAY,
                    "recommended since " + since + " ("
                            + PrometheusDurations.format(waited) + " of scaleDownDelay "
                            + delay + "); highest target in the window so far: " + decided,
                    Optional.of(since.plus(settings.scaleDownDelay()))));
            return new Plan(ParallelismChanges.NONE, reasons, List.of(), Optional.of(window), scaleUps);
        }
        if (!settings.scaleDownDelay().isZero()) {
            reasons.add(new Reason.Note("recommended since " + since + ", at least the whole scaleDownDelay " + delay
                    + "; taking the highest target of the last " + delay + ": " + decided));
        }
        return new Plan(decided, reasons, List.of(), Optional.of(window), scaleUps);
    }
}
