package dev.scalingadvisor.actions.flink;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scalingadvisor.core.job.JobId;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code POST /jobs/:id/stop}: take a savepoint, then stop the job. Without drain, so event time does not
 * jump to the end and timers do not fire: the job is meant to continue from the savepoint.
 *
 * @param targetDirectory where to write the savepoint; empty uses the cluster's configured savepoint directory
 * @param triggerId       chosen by the advisor, so the status can be polled even if the answer is lost
 */
public record StopWithSavepoint(JobId job, Optional<String> targetDirectory, TriggerId triggerId) {

    public StopWithSavepoint {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(targetDirectory, "targetDirectory");
        Objects.requireNonNull(triggerId, "triggerId");
    }

    public RestCall call() {
        ObjectNode body = FlinkJson.object();
        body.put("drain", false);
        // CANONICAL: the savepoint restores at any parallelism and with any state backend.
        body.put("formatType", "CANONICAL");
        targetDirectory.ifPresent(dir -> body.put("targetDirectory", dir));
        body.put("triggerId", triggerId.value());
        return RestCall.withJson("POST", "/v1/jobs/" + job + "/stop", FlinkJson.write(body));
    }

    /** The status call for this operation. */
    public RestCall statusCall() {
        return RestCall.get("/v1/jobs/" + job + "/savepoints/" + triggerId);
    }
}
