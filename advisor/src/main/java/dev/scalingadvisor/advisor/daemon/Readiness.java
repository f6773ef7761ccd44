package dev.scalingadvisor.advisor.daemon;

import dev.scalingadvisor.advisor.cycle.CycleHealth;
import dev.scalingadvisor.advisor.http.HealthProbe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Whether the advisor can do its job (readiness: configuration loaded, the last cycle ran and Prometheus answered
 * in it), what it should be told about while ready (jobs left stopped by an open rescale, parts of the cycle that
 * failed on their own), and whether it is alive (liveness: the evaluation loop is neither stuck in one cycle nor
 * stopped running cycles). Liveness is measured on monotonic time, so a stepped wall clock neither hides a stalled
 * loop nor makes a healthy one look stuck.
 */
public final class Readiness implements HealthProbe {

    private final LongSupplier nanoTime;
    private volatile boolean configLoaded;
    private volatile Optional<String> notReady = Optional.of("no evaluation cycle has run yet");
    private volatile List<String> warnings = List.of();
    private volatile OptionalLong cycleStartedAt = OptionalLong.empty();
    private volatile long lastCycleEndedAt;
    private volatile Supplier<List<String>> notes = List::of;

    /** @param nanoTime a monotonic reading, {@code System::nanoTime} */
    public Readiness(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.lastCycleEndedAt = nanoTime.getAsLong();
    }

    /** Where {@code /readyz}'s notes come from (the pauses in force). */
    public void notesFrom(Supplier<List<String>> notes) {
        this.notes = notes;
    }

    /** The pauses in force, then the warnings of the last cycle (jobs left stopped, parts that failed). */
    @Override
    public List<String> notes() {
        List<String> all = new ArrayList<>(notes.get());
        warnings.forEach(w -> all.add("warning: " + w));
        return all;
    }

    public void configLoaded() {
        configLoaded = true;
    }

    public void cycleStarted() {
        cycleStartedAt = OptionalLong.of(nanoTime.getAsLong());
    }

    /** The cycle ran: not ready while Prometheus did not answer; parts that failed and stopped jobs are warnings. */
    public void cycleFinished(CycleHealth health) {
        notReady = health.prometheusProblem().map(p -> "Prometheus did not answer in the last cycle: " + p);
        List<String> next = new ArrayList<>(health.jobsLeftStopped());
        next.addAll(health.degraded());
        warnings = List.copyOf(next);
        cycleEnded();
    }

    /** The cycle as a whole failed or was interrupted: {@code why} is what /readyz says. */
    public void cycleFailed(String why) {
        notReady = Optional.of("the last evaluation cycle failed: " + why);
        cycleEnded();
    }

    private void cycleEnded() {
        lastCycleEndedAt = nanoTime.getAsLong();
        cycleStartedAt = OptionalLong.empty();
    }

    @Override
    public Optional<String> notReadyReason() {
        if (!configLoaded) {
            return Optional.of("configuration not loaded");
        }
        return notReady;
    }

    /**
     * Stuck when one cycle has run for longer than {@code limit}, or when no cycle has ended for longer than {@code
     * limit} (the schedule stopped firing; since start-up before the first cycle).
     */
    @Override
    public Optional<String> stuckReason(Duration limit) {
        long now = nanoTime.getAsLong();
        OptionalLong started = cycleStartedAt;
        if (started.isPresent()) {
            Duration running = Duration.ofNanos(now - started.getAsLong());
            return running.compareTo(limit) > 0
                    ? Optional.of("the evaluation cycle has been running for " + running.toSeconds() + " s")
                    : Optional.empty();
        }
        Duration idle = Duration.ofNanos(now - lastCycleEndedAt);
        return idle.compareTo(limit) > 0
                ? Optional.of("no evaluation cycle has run for " + idle.toSeconds() + " s")
                : Optional.empty();
    }
}
