package dev.scalingadvisor.advisor.daemon;

import dev.scalingadvisor.advisor.cycle.CycleHealth;
import dev.scalingadvisor.advisor.http.HealthProbe;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Whether the advisor can do its job (readiness: configuration loaded, the last cycle ran and Prometheus answered
 * in it), what it should be told about while ready (jobs left stopped by an open rescale, parts of the cycle that
 * failed on their own), and whether it is alive (liveness: the evaluation loop is not stuck in one cycle).
 */
public final class Readiness implements HealthProbe {

    private final Clock clock;
    private volatile boolean configLoaded;
    private volatile Optional<String> notReady = Optional.of("no evaluation cycle has run yet");
    private volatile List<String> warnings = List.of();
    private volatile Optional<Instant> cycleStartedAt = Optional.empty();
    private volatile Supplier<List<String>> notes = List::of;

    public Readiness(Clock clock) {
        this.clock = clock;
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
        cycleStartedAt = Optional.of(clock.instant());
    }

    /** The cycle ran: not ready while Prometheus did not answer; parts that failed and stopped jobs are warnings. */
    public void cycleFinished(CycleHealth health) {
        notReady = health.prometheusProblem().map(p -> "Prometheus did not answer in the last cycle: " + p);
        List<String> next = new ArrayList<>(health.jobsLeftStopped());
        next.addAll(health.degraded());
        warnings = List.copyOf(next);
        cycleStartedAt = Optional.empty();
    }

    /** The cycle as a whole failed or was interrupted: {@code why} is what /readyz says. */
    public void cycleFailed(String why) {
        notReady = Optional.of("the last evaluation cycle failed: " + why);
        cycleStartedAt = Optional.empty();
    }

    @Override
    public Optional<String> notReadyReason() {
        if (!configLoaded) {
            return Optional.of("configuration not loaded");
        }
        return notReady;
    }

    @Override
    public Optional<String> stuckReason(Duration limit) {
        return cycleStartedAt
                .map(start -> Duration.between(start, clock.instant()))
                .filter(running -> running.compareTo(limit) > 0)
                .map(running -> "the evaluation cycle has been running for " + running.toSeconds() + " s");
    }
}
