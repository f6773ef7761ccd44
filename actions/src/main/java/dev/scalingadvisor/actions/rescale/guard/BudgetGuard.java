package dev.scalingadvisor.actions.rescale.guard;

import dev.scalingadvisor.actions.rescale.request.PreflightGuard;
import java.util.Optional;

/** At most {@code maxPerJobPerHour} rescales of a job started in the last hour, whatever became of them. */
public final class BudgetGuard implements BookkeepingGuard {

    @Override
    public Optional<Refusal> check(Bookkeeping facts) {
        int max = facts.request().settings().maxPerJobPerHour();
        if (facts.startedLastHour() >= max) {
            return Refusal.of(
                    PreflightGuard.BUDGET,
                    "job " + facts.request().job().name() + " was rescaled " + facts.startedLastHour()
                            + " time(s) in the last hour; maxPerJobPerHour is " + max);
        }
        return Optional.empty();
    }
}
