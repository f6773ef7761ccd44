package dev.scalingadvisor.advisor.http;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** What {@code /healthz} and {@code /readyz} ask the daemon: each answer is empty when all is well, else why not. */
public interface HealthProbe {

    /** Empty when the advisor can do its job; otherwise the reason it cannot. */
    Optional<String> notReadyReason();

    /**
     * What holds the advisor back without making it unready, one line each; {@code /readyz} adds them. A pause is
     * one: a paused advisor still evaluates every job, and readiness is whether it can.
     */
    default List<String> notes() {
        return List.of();
    }

    /** Empty when alive; otherwise the evaluation loop has been stuck for longer than {@code limit}. */
    Optional<String> stuckReason(Duration limit);
}
