package dev.scalingadvisor.advisor.cycle;

import io.prometheus.metrics.core.metrics.Counter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The parts of one cycle that may fail on their own: each is run here, and a runtime exception (a bug, bad input
 * from one job or one cluster) is logged, counted and remembered for readiness instead of ending the cycle for
 * every other job. Made for one cycle.
 */
final class CycleParts {

    /** The {@code part} label values of {@code scaling_advisor_cycle_part_failures_total}. */
    static final List<String> PARTS = List.of("flink", "evaluation", "delivery", "state", "report", "prune");

    private static final Logger LOG = LoggerFactory.getLogger(AdvisorCycle.class);

    private final Counter failures;
    private final List<String> failed = new ArrayList<>();

    CycleParts(Counter failures) {
        this.failures = failures;
    }

    /** Runs {@code work}; if it fails, says so naming {@code what} and goes on. */
    void run(String part, String what, Runnable work) {
        attempt(
                part,
                what,
                () -> {
                    work.run();
                    return null;
                },
                null);
    }

    /** {@code work}'s value, or {@code otherwise} when it failed. */
    <T> T attempt(String part, String what, Supplier<T> work, T otherwise) {
        try {
            return work.get();
        } catch (RuntimeException e) {
            failed(part, what + " failed: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            LOG.error("{} failed; the rest of the cycle goes on", what, e);
            return otherwise;
        }
    }

    /** A failure found elsewhere (the engine's per-job failures), counted and remembered like the others. */
    void failed(String part, String description) {
        failures.labelValues(part).inc();
        failed.add(description);
    }

    List<String> failures() {
        return List.copyOf(failed);
    }
}
