package dev.scalingadvisor.actions.rescale.guard;

import dev.scalingadvisor.actions.flink.ClusterOverview;
import dev.scalingadvisor.actions.rescale.request.PreflightGuard;
import java.util.Optional;

/**
 * An increase needs free task slots: Flink accepts more parallelism than it has slots and then waits for them
 * silently (the adaptive scheduler runs below its target, the default scheduler does not start). Then the
 * right action is more TaskManagers, which the refusal says. Slots the job already holds count: its own,
 * and idle ones the adaptive scheduler keeps after a scale-down.
 */
public final class FreeSlotsGuard implements JobGuard {

    @Override
    public Optional<Refusal> check(PreflightFacts facts) {
        int more = facts.extraSlotsNeeded();
        ClusterOverview cluster = facts.cluster();
        if (more <= cluster.slotsAvailable()) {
            return Optional.empty();
        }
        int missing = more - cluster.slotsAvailable();
        int perTaskManager = cluster.taskManagers() == 0 ? 0 : cluster.slotsTotal() / cluster.taskManagers();
        String advice = perTaskManager == 0
                ? "add TaskManagers"
                : "add " + ((missing + perTaskManager - 1) / perTaskManager) + " TaskManager(s) with " + perTaskManager
                        + " slot(s) each";
        return Refusal.of(
                PreflightGuard.FREE_SLOTS,
                "the rescale needs " + more + " more task slot(s) but cluster "
                        + facts.request().cluster() + " has " + cluster.slotsAvailable() + " free of "
                        + cluster.slotsTotal() + ": " + advice + " instead");
    }
}
