package dev.scalingadvisor.actions.flink;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scalingadvisor.core.job.JobId;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code POST /jobs/:id/savepoints}: take a savepoint and keep the job running. Note the older field
 * spelling of this endpoint ({@code target-directory}, {@code cancel-job}) next to stop's {@code targetDirectory}.
 */
public record SavepointTrigger(JobId job, Optional<String> targetDirectory, TriggerId triggerId) {

    public SavepointTrigger {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(targetDirectory, "targetDirectory");
        Objects.requireNonNull(triggerId, "triggerId");
    }

    public RestCall call() {
        ObjectNode body = FlinkJson.object();
        body.put("cancel-job", false);
        body.put("formatType", "CANONICAL");
        targetDirectory.ifPresent(dir -> body.put("target-directory", dir));
        body.put("triggerId", triggerId.value());
        return RestCall.withJson("POST", "/v1/jobs/" + job + "/savepoints", FlinkJson.write(body));
    }

    public RestCall statusCall() {
        return RestCall.get("/v1/jobs/" + job + "/savepoints/" + triggerId);
    }
}
