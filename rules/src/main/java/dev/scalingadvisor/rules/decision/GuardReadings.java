package dev.scalingadvisor.rules.decision;

import dev.scalingadvisor.rules.policy.Vertex;
import dev.scalingadvisor.rules.workload.VertexLoad;
import java.util.OptionalDouble;

/**
 * What one cycle's readings make of each guard with hysteresis ({@link GuardHold.Reading}): shared by the
 * state machine, which steps the holds, and by a replay, which must know when a hold stops depending on what
 * came before it started.
 */
public final class GuardReadings {

    private GuardReadings() {}

    /** The CPU-saturated guard's reading from the least loaded host's CPU load (empty: no fresh reading). */
    public static GuardHold.Reading cpu(OptionalDouble hostCpu, IneffectiveScaleUpSettings cpu) {
        if (hostCpu.isEmpty() || Double.isNaN(hostCpu.getAsDouble())) {
            return GuardHold.Reading.MISSING;
        }
        double load = hostCpu.getAsDouble();
        if (load >= cpu.saturatedCpuLoad()) {
            return GuardHold.Reading.RAISES;
        }
        return load < cpu.saturatedCpuClear() ? GuardHold.Reading.CLEARS : GuardHold.Reading.BETWEEN;
    }

    /** A vertex's skew guard reading from its hottest-to-average ratio (empty: no fresh reading). */
    public static GuardHold.Reading skew(Vertex v, OptionalDouble hotToAverage, SkewGuardSettings skew) {
        if (hotToAverage.isEmpty()) {
            return GuardHold.Reading.MISSING;
        }
        double hottest = v.load().map(l -> l.busyHottest().orElse(0)).orElse(0.0) / 1000.0;
        double ratio = hotToAverage.getAsDouble();
        if (ratio > skew.maxToAverage() && hottest > skew.hotSubtaskBusy()) {
            return GuardHold.Reading.RAISES;
        }
        if (ratio <= skew.clearToAverage() || hottest <= skew.hotSubtaskBusy()) {
            return GuardHold.Reading.CLEARS;
        }
        return GuardHold.Reading.BETWEEN;
    }

    /** The busiest subtask's busy time over the vertex average, when both are known and the vertex works at all. */
    public static OptionalDouble hotToAverage(Vertex v) {
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
