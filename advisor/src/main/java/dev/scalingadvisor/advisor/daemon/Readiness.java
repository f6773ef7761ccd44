package dev.scalingadvisor.advisor.daemon;

import dev.scalingadvisor.advisor.http.HealthProbe;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Whether the advisor can do its job (readiness: configuration loaded and Prometheus answered in the
 * last cycle) and whether it is alive (liveness: the evaluation loop is not stuck in one cycle).
 */
public final class Readiness implements HealthProbe {

    private final Clock clock;
    private volatile boolean configLoaded;
    private volatile Optional<String> prometheusProblem = Optional.of("no evaluation cycle has run yet");
    private volatile Optional<Instant> cycleStartedAt = Optional.empty();
    private volatile Supplier<List<String>> notes = List::of;

    public Readiness(Clock clock) {
        this.clock = clock;
    }

    /** Where {@code /readyz}'s notes come from (the pauses in force). */
    public void notesFrom(Supplier<List<String>> notes) {
        this.notes = notes;
    }

    @Override
    public List<String> notes() {
        return notes.get();
    }

    public void configLoaded() {
        configLoaded = true;
    }

    public void cycleStarted() {
        cycleStartedAt = Optional.of(clock.instant());
    }

    /** @param problem empty when Prometheus answered every query of the cycle, else what went wrong */
    public void cycleFinished(Optional<String> problem) {
        prometheusProblem = problem;
        cycleStartedAt = Optional.empty();
    }

    @Override
    public Optional<String> notReadyReason() {
        if (!configLoaded) {
            return Optional.of("configuration not loaded");
        }
        return prometheusProblem.map(p -> "Prometheus did not answer in the last cycle: " + p);
    }

    @Override
    public Optional<String> stuckReason(Duration limit) {
        return cycleStartedAt
                .map(start -> Duration.between(start, clock.instant()))
                .filter(running -> running.compareTo(limit) > 0)
                .map(running -> "the evaluation cycle has been running for " + running.toSeconds() + " s");
    }
}
