package dev.scalingadvisor.advisor.daemon;

import dev.scalingadvisor.advisor.config.AdvisorConfig;
import dev.scalingadvisor.advisor.state.StateDatabase;
import io.prometheus.client.CollectorRegistry;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the evaluation cycle the daemon runs for a configuration. */
public final class AdvisorCycles {

    private static final Logger LOG = LoggerFactory.getLogger(AdvisorCycles.class);

    private AdvisorCycles() {
    }

    public static EvaluationCycle create(AdvisorConfig config, StateDatabase database, CollectorRegistry registry) {
        return scheduledAt -> {
            LOG.info("evaluation cycle at {}", scheduledAt);
            return new EvaluationCycle.CycleResult(Optional.of("the rule engine is not wired in yet"));
        };
    }
}
