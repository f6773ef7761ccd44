package dev.scalingadvisor.rules.decision;

import dev.scalingadvisor.core.job.VertexId;
import dev.scalingadvisor.rules.policy.Vertex;
import dev.scalingadvisor.rules.workload.VertexLoad;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The guards with hysteresis, stepped every cycle whether or not a rule asks for a scale-up, so that a guard
 * raised while the job was not asking for more still holds when it does: the CPU-saturated guard of the job
 * and the skew guard of each vertex. Only fresh readings count; without them (stale data, a stabilizing job)
 * every hold stays as it is and its clear time starts again.
 */
record HeldGuards(Optional<GuardHold> cpuSaturated, Map<VertexId, GuardHold> skew) {

    HeldGuards {
        skew = Map.copyOf(skew);
    }

    static HeldGuards step(JobMemory previous, JobInput in, boolean fresh) {
        Instant now = in.now();
        IneffectiveScaleUpSettings cpu = in.settings().ineffectiveScaleUp();
        OptionalDouble hostCpu = fresh ? in.load().hostCpu() : OptionalDouble.empty();
        Optional<GuardHold> saturated = GuardHold.next(
                previous.cpuSaturated(),
                cpuReading(hostCpu, cpu),
                hostCpu.orElse(Double.NaN),
                cpu.saturatedClearFor(),
                now);

        SkewGuardSettings skew = in.settings().skewGuard();
        Map<VertexId, GuardHold> skewed = new LinkedHashMap<>();
        for (Vertex v : in.shape().vertices()) {
            OptionalDouble ratio = fresh ? hotToAverage(v) : OptionalDouble.empty();
            double hottest = v.load().map(l -> l.busyHottest().orElse(0)).orElse(0.0) / 1000.0;
            GuardHold.Reading reading;
            if (ratio.isEmpty()) {
                reading = GuardHold.Reading.MISSING;
            } else if (ratio.getAsDouble() > skew.maxToAverage() && hottest > skew.hotSubtaskBusy()) {
                reading = GuardHold.Reading.RAISES;
            } else if (ratio.getAsDouble() <= skew.clearToAverage() || hottest <= skew.hotSubtaskBusy()) {
                reading = GuardHold.Reading.CLEARS;
            } else {
                reading = GuardHold.Reading.BETWEEN;
            }
            GuardHold.next(
                            Optional.ofNullable(previous.skew().get(v.id())),
                            reading,
                            ratio.orElse(Double.NaN),
                            skew.clearFor(),
                            now)
                    .ifPresent(hold -> skewed.put(v.id(), hold));
        }
        return new HeldGuards(saturated, skewed);
    }

    private static GuardHold.Reading cpuReading(OptionalDouble hostCpu, IneffectiveScaleUpSettings cpu) {
        if (hostCpu.isEmpty() || Double.isNaN(hostCpu.getAsDouble())) {
            return GuardHold.Reading.MISSING;
        }
        double load = hostCpu.getAsDouble();
        if (load >= cpu.saturatedCpuLoad()) {
            return GuardHold.Reading.RAISES;
        }
        return load < cpu.saturatedCpuClear() ? GuardHold.Reading.CLEARS : GuardHold.Reading.BETWEEN;
    }

    /** The busiest subtask's busy time over the vertex average, when both are known and the vertex works at all. */
    static OptionalDouble hotToAverage(Vertex v) {
        if (v.load().isEmpty()) {
            return OptionalDouble.empty();
        }
        VertexLoad load = v.load().get();
        if (load.busyAverage().isEmpty() || load.busyHottest().isEmpty()) {
            return OptionalDouble.empty();
        }
        double average = load.busyAverage().getAsDouble();
        return average > 0 ? OptionalDouble.of(load.busyHottest().getAsDouble() / average) : OptionalDouble.of(1.0);
    }
}
