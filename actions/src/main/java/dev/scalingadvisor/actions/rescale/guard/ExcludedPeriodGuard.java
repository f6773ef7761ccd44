package dev.scalingadvisor.actions.rescale.guard;

import dev.scalingadvisor.actions.rescale.request.ExcludedPeriod;
import dev.scalingadvisor.actions.rescale.request.PreflightGuard;
import java.util.Optional;

/** No rescale inside one of the job's {@code rescale.excludedPeriods}. */
public final class ExcludedPeriodGuard implements BookkeepingGuard {

    @Override
    public Optional<Refusal> check(Bookkeeping facts) {
        for (ExcludedPeriod period : facts.request().settings().excludedPeriods()) {
            if (period.contains(facts.now())) {
                return Refusal.of(
                        PreflightGuard.EXCLUDED_PERIOD,
                        "now is inside the excluded period \"" + period.expression() + "\" (" + period.zone() + ")");
            }
        }
        return Optional.empty();
    }
}
