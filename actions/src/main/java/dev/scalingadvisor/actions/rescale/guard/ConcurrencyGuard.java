package dev.scalingadvisor.actions.rescale.guard;

import dev.scalingadvisor.actions.rescale.request.PreflightGuard;
import java.util.Optional;

/**
 * One rescale of a job at a time, and at most {@code maxConcurrentPerCluster} per cluster. Unresolved
 * operations (a job left stopped, a rescale awaiting recovery) count: they need attention first.
 */
public final class ConcurrencyGuard implements BookkeepingGuard {

    @Override
    public Optional<Refusal> check(Bookkeeping facts) {
        if (facts.jobHasOpenOperation()) {
            return Refusal.of(
                    PreflightGuard.CONCURRENCY,
                    "another rescale of job " + facts.request().job().name() + " is under way or unresolved");
        }
        int max = facts.request().settings().maxConcurrentPerCluster();
        if (facts.openOnCluster() >= max) {
            return Refusal.of(
                    PreflightGuard.CONCURRENCY,
                    facts.openOnCluster() + " rescale(s) of cluster "
                            + facts.request().cluster() + " under way or unresolved; maxConcurrentPerCluster is "
                            + max);
        }
        return Optional.empty();
    }
}
