package dev.scalingadvisor.advisor.cycle;

import dev.scalingadvisor.core.job.JobFacts;
import dev.scalingadvisor.core.job.JobId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Notices the wall clock stepping between two evaluation cycles, by comparing the wall time that passed with the
 * monotonic time that passed, so that the cycle can move every instant it remembers by the step: then rule
 * {@code for} durations, the scale-down delay, cooldowns and stabilization measure the time that really passed.
 * Before, a clock set an hour forward fired every pending rule and ended every cooldown at once, and one set back
 * held them for an hour longer.
 *
 * <p>Instants that come from outside (a job's start time from Flink, its last rescale from the journal) were read on
 * the old time line when they were first seen before the step; each is kept per job with its value on the cycles'
 * time line and moved with the memory, while it stays the same. An instant first seen after a step is taken as it
 * is. One cycle's instants stay the wall clock's (Prometheus is asked at the wall-clock time): only the distances
 * between cycles are taken from the monotonic clock.
 */
final class WallClockSteps {

    /**
     * A difference smaller than this is the two clocks read a moment apart or NTP slewing (at most 0.5 ms per
     * second), not a step.
     */
    static final Duration TOLERANCE = Duration.ofSeconds(1);

    private final Clock wall;
    private final LongSupplier monotonicNanos;
    private Optional<Reading> last = Optional.empty();
    private final Map<JobId, Outside> outside = new HashMap<>();

    /**
     * @param wall           the wall clock the cycles' instants come from
     * @param monotonicNanos a monotonic reading in nanoseconds, {@code System::nanoTime}
     */
    WallClockSteps(Clock wall, LongSupplier monotonicNanos) {
        this.wall = wall;
        this.monotonicNanos = monotonicNanos;
    }

    /** A cycle's two readings. */
    private record Reading(Instant wall, long monotonicNanos) {}

    /** An instant from outside, as read and as it stands on the cycles' time line. */
    private record Moved(Instant read, Instant onCycleTime) {
        Moved by(Duration step) {
            return new Moved(read, onCycleTime.plus(step));
        }

        /** {@code value} on the cycles' time line: moved as this one was while it is the same instant. */
        Optional<Instant> of(Optional<Instant> value) {
            return value.map(v -> v.equals(read) ? onCycleTime : v);
        }
    }

    /** A job's start and last rescale as last seen. */
    private record Outside(Optional<Moved> startedAt, Optional<Moved> lastRescaleAt) {
        Outside by(Duration step) {
            return new Outside(startedAt.map(m -> m.by(step)), lastRescaleAt.map(m -> m.by(step)));
        }
    }

    /**
     * How far the wall clock stepped since the last call: the wall time that passed minus the monotonic time that
     * passed, or zero within {@link #TOLERANCE} (and at the first call). Moves the outside instants remembered by it.
     * Both clocks are read here, together: a cycle's instant is read before its Flink clusters are, and taking it
     * with a monotonic reading made after a slow read (seconds, at start or under load) measured the read as a step.
     */
    Duration step() {
        Reading now = new Reading(wall.instant(), monotonicNanos.getAsLong());
        Duration step = last.map(before -> Duration.between(before.wall(), now.wall())
                        .minusNanos(now.monotonicNanos() - before.monotonicNanos()))
                .filter(d -> d.abs().compareTo(TOLERANCE) > 0)
                .orElse(Duration.ZERO);
        last = Optional.of(now);
        if (!step.isZero()) {
            outside.replaceAll((job, seen) -> seen.by(step));
        }
        return step;
    }

    /**
     * Each job's outside instants on the cycles' time line: a value already seen before a step is moved as the
     * memory was; a new value is taken as it is.
     */
    Map<JobId, JobFacts> onCycleTime(Map<JobId, JobFacts> facts) {
        Map<JobId, JobFacts> moved = new HashMap<>();
        facts.forEach((job, f) -> {
            Optional<Outside> before = Optional.ofNullable(outside.get(job));
            Optional<Instant> startedAt = before.flatMap(Outside::startedAt)
                    .map(m -> m.of(f.startedAt()))
                    .orElse(f.startedAt());
            Optional<Instant> lastRescaleAt = before.flatMap(Outside::lastRescaleAt)
                    .map(m -> m.of(f.lastRescaleAt()))
                    .orElse(f.lastRescaleAt());
            outside.put(
                    job,
                    new Outside(
                            f.startedAt().map(read -> new Moved(read, startedAt.get())),
                            f.lastRescaleAt().map(read -> new Moved(read, lastRescaleAt.get()))));
            moved.put(job, new JobFacts(f.name(), startedAt, f.vertices(), lastRescaleAt, f.freeSlots()));
        });
        return moved;
    }

    /** Forgets the outside instants of every job but {@code jobs} (those the engine still remembers). */
    void keepOnly(Set<JobId> jobs) {
        outside.keySet().retainAll(jobs);
    }
}
