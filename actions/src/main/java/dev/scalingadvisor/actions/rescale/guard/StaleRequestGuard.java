package dev.scalingadvisor.actions.rescale.guard;

import dev.scalingadvisor.actions.rescale.request.PreflightGuard;
import java.util.Optional;

/** The request must fit the job as it runs now; a decision made for parallelism 4 does not apply to a job at 6. */
public final class StaleRequestGuard implements JobGuard {

    @Override
    public Optional<Refusal> check(PreflightFacts facts) {
        if (facts.resolution() instanceof TargetResolution.Stale stale) {
            return Refusal.of(PreflightGuard.STALE_REQUEST, stale.reason());
        }
        return Optional.empty();
    }
}
