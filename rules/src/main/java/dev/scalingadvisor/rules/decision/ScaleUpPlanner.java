package dev.scalingadvisor.rules.decision;

import dev.scalingadvisor.core.job.VertexId;
import dev.scalingadvisor.core.scaling.ParallelismChanges;
import dev.scalingadvisor.core.text.ValueText;
import dev.scalingadvisor.core.time.PrometheusDurations;
import dev.scalingadvisor.rules.explain.DecisionGuard;
import dev.scalingadvisor.rules.explain.Reason;
import dev.scalingadvisor.rules.policy.JobShape;
import dev.scalingadvisor.rules.policy.Vertex;
import dev.scalingadvisor.rules.rule.Rule;
import dev.scalingadvisor.rules.workload.SourcePartitions;
import dev.scalingadvisor.rules.workload.VertexLoad;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Plans a scale-up that firing up-rules ask for: the cooldown, saturated hosts, sizing by each rule's
 * policy, then per vertex the ineffective-scale-up block, skew, bounds and alignment. A vertex any guard
 * holds back is left out; if none is left, the job stays an up-candidate with the guard as the reason.
 */
final class ScaleUpPlanner {

    /** Below this, a vertex upstream of the bottleneck does not count as backpressured in explanations. */
    private static final double BACKPRESSURED_MS_PER_SECOND = 100;

    private ScaleUpPlanner() {}

    static Plan plan(
            JobInput in,
            List<Rule> firing,
            Optional<Instant> lastRescaleAt,
            Map<VertexId, ScaleUpRecord> scaleUps,
            HeldGuards held,
            Optional<BacklogTrend> backlogTrend) {
        Instant now = in.now();
        ScalingSettings settings = in.settings();
        List<Reason> reasons = new ArrayList<>();
        Map<VertexId, ScaleUpRecord> records = new LinkedHashMap<>(scaleUps);
        JobShape shape = in.shape();
        // Every earlier scale-up is judged first, whatever else holds the job back now (a cooldown, saturated
        // hosts): the finding that names the limit must be recorded even when another guard also blocks.
        List<Reason.Blocked> blocked = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        Map<VertexId, Boolean> ineffective = new LinkedHashMap<>();
        for (Vertex v : shape.vertices()) {
            if (ineffectiveBlock(in, v, records, blocked, findings)) {
                ineffective.put(v.id(), true);
            }
        }
        Optional<Instant> cooldownUntil =
                lastRescaleAt.map(t -> t.plus(settings.scaleUpCooldown())).filter(now::isBefore);
        if (cooldownUntil.isPresent()) {
            // A judged scale-up blocks for hours, the cooldown for minutes: the longer block is the one to read first.
            reasons.addAll(blocked);
            blocked.clear();
            reasons.add(new Reason.Blocked(
                    DecisionGuard.SCALE_UP_COOLDOWN,
                    "the job was rescaled at " + lastRescaleAt.get() + "; scaleUpCooldown "
                            + PrometheusDurations.format(settings.scaleUpCooldown()),
                    cooldownUntil));
            return blocked(reasons, findings, records);
        }
        Optional<Reason.Blocked> draining = draining(in, backlogTrend);
        if (draining.isPresent()) {
            reasons.addAll(blocked);
            reasons.add(draining.get());
            return blocked(reasons, findings, records);
        }
        if (shape.vertices().isEmpty()) {
            reasons.add(missingParallelism());
            return blocked(reasons, List.of(), records);
        }
        bottleneck(shape).ifPresent(reasons::add);
        if (held.cpuSaturated().isPresent()) {
            GuardHold saturated = held.cpuSaturated().get();
            IneffectiveScaleUpSettings cpu = settings.ineffectiveScaleUp();
            OptionalDouble hostCpu = in.load().hostCpu();
            findings.add(new Finding.CpuSaturated(
                    saturated.raisingValue(),
                    cpu.saturatedCpuLoad(),
                    in.facts().freeSlots().isPresent()
                            ? Optional.of(in.facts().freeSlots().getAsInt())
                            : Optional.empty()));
            reasons.add(new Reason.Blocked(
                    DecisionGuard.CPU_SATURATED,
                    "every host running the job has been CPU-saturated since " + saturated.raisedAt()
                            + " (the least loaded at " + ValueText.of(saturated.raisingValue() * 100)
                            + "% on its last saturated reading"
                            + (hostCpu.isPresent() ? ", " + ValueText.of(hostCpu.getAsDouble() * 100) + "% now" : "")
                            + "; the guard clears once it stays below "
                            + ValueText.of(cpu.saturatedCpuClear() * 100) + "% for "
                            + PrometheusDurations.format(cpu.saturatedClearFor()) + ")",
                    Optional.empty()));
            reasons.addAll(0, blocked);
            return blocked(reasons, findings, records);
        }

        Map<VertexId, Integer> raw = RuleSizing.size(firing, true, shape, settings.policy(), reasons);
        Map<VertexId, Integer> allowed = new LinkedHashMap<>();
        for (Map.Entry<VertexId, Integer> entry : raw.entrySet()) {
            Vertex v = vertex(shape, entry.getKey());
            if (ineffective.containsKey(v.id())
                    || partitionBound(v, blocked, findings)
                    || skewed(v, held.skew().get(v.id()), settings.skewGuard(), blocked, findings)) {
                continue;
            }
            allowed.put(v.id(), entry.getValue());
        }
        ParallelismChanges changes = RuleSizing.bound(allowed, true, shape, settings, reasons, blocked);
        if (raw.isEmpty()) {
            blocked.add(new Reason.Blocked(
                    DecisionGuard.NOTHING_TO_SIZE,
                    "no vertex needs more parallelism by the sizing policies",
                    Optional.empty()));
        }
        if (changes.isEmpty()) {
            reasons.addAll(blocked);
            return blocked(reasons, findings, records);
        }
        reasons.addAll(blocked);
        return new Plan(changes, reasons, findings, Optional.empty(), records);
    }

    /**
     * The draining guard: while the backlog shrinks fast enough to be gone within {@code catchUpDuration} at the
     * pace measured over the last half minute to minute and a half, the job reads faster than its input arrives and needs no more
     * parallelism. Its sources stay backpressured until the backlog is gone (they read as fast as the job
     * processes), so without this guard a backpressure rule would size the job again after every cooldown shorter
     * than the drain: a ladder of scale-ups for a load that one has already met. A backlog that stops shrinking, or
     * shrinks too slowly, lifts it.
     */
    private static Optional<Reason.Blocked> draining(JobInput in, Optional<BacklogTrend> trend) {
        if (trend.isEmpty() || in.shape().lag().backlog().isEmpty()) {
            return Optional.empty();
        }
        double backlog = Math.max(0, in.shape().lag().backlog().getAsDouble());
        OptionalDouble rate = trend.get().drainRate(backlog, in.now());
        if (rate.isEmpty() || !(rate.getAsDouble() > 0)) {
            return Optional.empty();
        }
        Duration catchUp = in.settings().policy().catchUpDuration();
        double seconds = backlog / rate.getAsDouble();
        if (seconds > catchUp.toSeconds()) {
            return Optional.empty();
        }
        BacklogTrend.Mark from = trend.get().reference(in.now()).orElseThrow();
        Duration drainedIn = Duration.ofSeconds((long) Math.ceil(seconds));
        return Optional.of(new Reason.Blocked(
                DecisionGuard.BACKLOG_DRAINING,
                "the backlog shrank from " + ValueText.of(from.backlog()) + " to " + ValueText.of(backlog)
                        + " records in " + PrometheusDurations.format(Duration.between(from.at(), in.now()))
                        + " (" + ValueText.of(rate.getAsDouble()) + " records/s): at that pace it is drained in "
                        + PrometheusDurations.format(drainedIn) + ", within catchUpDuration "
                        + PrometheusDurations.format(catchUp) + "; the job already reads faster than its input",
                Optional.of(in.now().plus(drainedIn))));
    }

    /**
     * Whether the vertex's last scale-up blocks another: it still does, or it is judged ineffective now
     * (its throughput gained less than {@code minGainRatio} of what the parallelism promised, and the job
     * asks for more again within {@code blockFor} of the scale-up).
     */
    private static boolean ineffectiveBlock(
            JobInput in,
            Vertex v,
            Map<VertexId, ScaleUpRecord> records,
            List<Reason.Blocked> blocked,
            List<Finding> findings) {
        ScaleUpRecord record = records.get(v.id());
        if (record == null) {
            return false;
        }
        Instant now = in.now();
        if (record.isBlocking(now)) {
            record.finding(v.id().value()).ifPresent(findings::add);
            blocked.add(new Reason.Blocked(
                    DecisionGuard.INEFFECTIVE_SCALE_UP,
                    "the last scale-up of " + v.label() + " (" + record.from() + " → " + record.to()
                            + ") bought too little throughput",
                    record.blockedUntil()));
            return true;
        }
        OptionalDouble after = v.load().map(VertexLoad::throughput).orElse(OptionalDouble.empty());
        if (!record.judgeable(now, in.settings().ineffectiveScaleUp().blockFor())
                || v.parallelism() < record.to()
                || record.throughputBefore().isEmpty()
                || record.throughputBefore().get() <= 0
                || after.isEmpty()) {
            return false;
        }
        double before = record.throughputBefore().get();
        double expected = (double) record.to() / record.from() - 1;
        double gained = after.getAsDouble() / before - 1;
        if (gained >= in.settings().ineffectiveScaleUp().minGainRatio() * expected) {
            records.remove(v.id());
            return false;
        }
        Instant until = now.plus(in.settings().ineffectiveScaleUp().blockFor());
        ScaleUpRecord judged = record.blocked(until, new ScaleUpRecord.Verdict(after.getAsDouble(), likelyLimit(in)));
        records.put(v.id(), judged);
        judged.finding(v.id().value()).ifPresent(findings::add);
        blocked.add(new Reason.Blocked(
                DecisionGuard.INEFFECTIVE_SCALE_UP,
                "the scale-up of " + v.label() + " from " + record.from()
                        + " to " + record.to() + " raised its throughput " + ValueText.of(gained * 100) + "% where "
                        + ValueText.of(expected * 100) + "% was expected",
                Optional.of(until)));
        return true;
    }

    private static String likelyLimit(JobInput in) {
        OptionalDouble cpu = in.load().hostCpu();
        double saturated = in.settings().ineffectiveScaleUp().saturatedCpuLoad();
        if (cpu.isPresent() && cpu.getAsDouble() >= saturated * 0.85) {
            return "TaskManager CPU (the least loaded host of the job is at " + ValueText.of(cpu.getAsDouble() * 100)
                    + "%)";
        }
        if (in.facts().freeSlots().isPresent() && in.facts().freeSlots().getAsInt() == 0) {
            return "no free task slots in the cluster";
        }
        return "an external system (source partitions, a sink or a remote service), since TaskManager CPU"
                + (cpu.isPresent() ? " is at " + ValueText.of(cpu.getAsDouble() * 100) + "%" : " is unknown");
    }

    private static boolean skewed(
            Vertex v, GuardHold hold, SkewGuardSettings skew, List<Reason.Blocked> blocked, List<Finding> findings) {
        if (hold == null || v.load().isEmpty()) {
            return false;
        }
        VertexLoad load = v.load().get();
        double hottest = load.busyHottest().orElse(0);
        double average = load.busyAverage().orElse(0);
        findings.add(new Finding.Skew(v.id().value(), v.label(), hottest, average, skew.maxToAverage()));
        blocked.add(new Reason.Blocked(
                DecisionGuard.SKEW,
                "vertex " + v.label() + ": busiest subtask " + ValueText.of(hottest) + " ms/s, "
                        + (average > 0 ? ValueText.of(hottest / average) : "?") + "× the average "
                        + ValueText.of(average) + " ms/s (skewed since " + hold.raisedAt() + ", last over the limit at "
                        + ValueText.of(hold.raisingValue()) + "×; the guard clears once it stays at most "
                        + ValueText.of(skew.clearToAverage()) + "× for "
                        + PrometheusDurations.format(skew.clearFor()) + ")",
                Optional.empty()));
        return true;
    }

    /**
     * Whether the vertex is a Kafka source that already has a subtask per partition: then more parallelism reads
     * nothing more, and the finding says to add partitions (once, as every finding; not a ladder of attempts).
     */
    private static boolean partitionBound(Vertex v, List<Reason.Blocked> blocked, List<Finding> findings) {
        if (v.partitions().isEmpty() || v.parallelism() < v.partitions().get().count()) {
            return false;
        }
        SourcePartitions partitions = v.partitions().get();
        findings.add(new Finding.PartitionBound(
                v.id().value(), v.label(), v.parallelism(), partitions.count(), partitions.topics()));
        blocked.add(new Reason.Blocked(
                DecisionGuard.PARTITION_BOUND,
                "source " + v.label() + " runs " + v.parallelism() + " subtasks for " + partitions.count()
                        + " partitions of " + partitions.topicList() + "; add partitions to the topic",
                Optional.empty()));
        return true;
    }

    private static Optional<Reason> bottleneck(JobShape shape) {
        return shape.bottleneck()
                .flatMap(b -> b.load().map(load -> {
                    List<String> backpressured = shape.vertices().stream()
                            .filter(v -> !v.id().equals(b.id()))
                            .filter(v ->
                                    v.load().flatMap(l -> box(l.backpressure())).orElse(0.0)
                                            >= BACKPRESSURED_MS_PER_SECOND)
                            .sorted(Comparator.comparingDouble(
                                    (Vertex v) -> -v.load().get().backpressure().getAsDouble()))
                            .map(v -> v.label() + " ("
                                    + ValueText.of(v.load().get().backpressure().getAsDouble()) + " ms/s)")
                            .toList();
                    return new Reason.Bottleneck(
                            b.id().value(),
                            b.label(),
                            load.busyAverage().getAsDouble(),
                            box(load.backpressure()),
                            backpressured);
                }));
    }

    static Reason missingParallelism() {
        return new Reason.Blocked(
                DecisionGuard.MISSING_DATA,
                "the job's current parallelism is unknown: no Flink REST facts and"
                        + " no fresh busy-time series for its subtasks",
                Optional.empty());
    }

    private static Optional<Double> box(OptionalDouble value) {
        return value.isPresent() ? Optional.of(value.getAsDouble()) : Optional.empty();
    }

    private static Vertex vertex(JobShape shape, VertexId id) {
        return shape.vertex(id).orElseThrow();
    }

    private static Plan blocked(List<Reason> reasons, List<Finding> findings, Map<VertexId, ScaleUpRecord> records) {
        return new Plan(ParallelismChanges.NONE, reasons, findings, Optional.empty(), records);
    }
}
