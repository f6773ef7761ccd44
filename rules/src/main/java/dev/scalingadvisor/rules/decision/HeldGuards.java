package dev.scalingadvisor.rules.decision;

import dev.scalingadvisor.core.job.VertexId;
import dev.scalingadvisor.rules.policy.Vertex;
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
                GuardReadings.cpu(hostCpu, cpu),
                hostCpu.orElse(Double.NaN),
                cpu.saturatedClearFor(),
                now);

        SkewGuardSettings skew = in.settings().skewGuard();
        Map<VertexId, GuardHold> skewed = new LinkedHashMap<>();
        for (Vertex v : in.shape().vertices()) {
            OptionalDouble ratio = fresh ? GuardReadings.hotToAverage(v) : OptionalDouble.empty();
            GuardHold.Reading reading = GuardReadings.skew(v, ratio, skew);
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
}
