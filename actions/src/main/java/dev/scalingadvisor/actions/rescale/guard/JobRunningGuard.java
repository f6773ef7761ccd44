package dev.scalingadvisor.actions.rescale.guard;

import dev.scalingadvisor.actions.flink.JobDetails;
import dev.scalingadvisor.actions.flink.JobStatus;
import dev.scalingadvisor.actions.flink.JobVertex;
import dev.scalingadvisor.actions.rescale.request.PreflightGuard;
import java.util.Optional;

/** Only a job that is RUNNING with every subtask RUNNING is rescaled: one that is failing or starting has other problems. */
public final class JobRunningGuard implements JobGuard {

    @Override
    public Optional<Refusal> check(PreflightFacts facts) {
        JobDetails job = facts.job();
        if (job.state() != JobStatus.RUNNING) {
            return Refusal.of(PreflightGuard.JOB_NOT_RUNNING, "job " + job.name() + " is " + job.state());
        }
        for (JobVertex vertex : job.vertices()) {
            if (!vertex.allTasksRunning()) {
                return Refusal.of(
                        PreflightGuard.JOB_NOT_RUNNING,
                        "job " + job.name() + " is RUNNING but " + vertex.name() + " has "
                                + vertex.tasksIn(dev.scalingadvisor.actions.flink.ExecutionState.RUNNING) + " of "
                                + vertex.parallelism() + " subtasks RUNNING");
            }
        }
        return Optional.empty();
    }
}
