package dev.scalingadvisor.actions.rescale.guard;

import dev.scalingadvisor.actions.flink.ClusterOverview;
import dev.scalingadvisor.actions.flink.JobDetails;
import dev.scalingadvisor.actions.rescale.Guard;
import dev.scalingadvisor.actions.rescale.ParallelismChange;
import dev.scalingadvisor.rules.job.VertexId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An increase needs free task slots: Flink accepts more parallelism than it has slots and then waits for them
 * silently (the adaptive scheduler runs below its target, the default scheduler does not start). Then the
 * right action is more TaskManagers, which the refusal says.
 */
public final class FreeSlotsGuard implements JobGuard {

    @Override
    public Optional<Refusal> check(JobFacts facts) {
        JobDetails job = facts.job();
        Map<VertexId, Integer> target = new LinkedHashMap<>();
        for (Map.Entry<VertexId, ParallelismChange> entry : facts.vertices().entrySet()) {
            target.put(entry.getKey(), entry.getValue().to());
        }
        int more = job.requiredSlots(target) - job.requiredSlots(Map.of());
        ClusterOverview cluster = facts.cluster();
        if (more <= cluster.slotsAvailable()) {
            return Optional.empty();
        }
        int missing = more - cluster.slotsAvailable();
        int perTaskManager = cluster.taskManagers() == 0 ? 0 : cluster.slotsTotal() / cluster.taskManagers();
        String advice = perTaskManager == 0 ? "add TaskManagers"
                : "add " + ((missing + perTaskManager - 1) / perTaskManager) + " TaskManager(s) with " + perTaskManager + " slot(s) each";
        return Refusal.of(Guard.FREE_SLOTS, "the rescale needs " + more + " more task slot(s) but cluster " + facts.request().cluster()
                + " has " + cluster.slotsAvailable() + " free of " + cluster.slotsTotal() + ": " + advice + " instead");
    }
}
