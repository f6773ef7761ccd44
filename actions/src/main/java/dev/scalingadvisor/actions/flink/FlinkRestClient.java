package dev.scalingadvisor.actions.flink;

import dev.scalingadvisor.core.job.JobId;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * The advisor's client of one Flink cluster's REST API (v1, checked against Flink 1.19 and 1.20). Every call
 * has the cluster's timeout (longer ones where Flink itself works, see {@link #runJar}), goes through the
 * cluster's circuit breaker, and fails with a {@link FlinkRestException} that carries Flink's own message.
 * Thread-safe. Obtain one from {@link FlinkClusters#client}.
 */
public final class FlinkRestClient {

    private final FlinkClusterSettings cluster;
    private final CircuitBreaker breaker;
    private final FlinkTransport transport;

    FlinkRestClient(FlinkClusterSettings cluster, CircuitBreaker breaker, BiConsumer<String, String> requestCounter) {
        this.cluster = cluster;
        this.breaker = breaker;
        this.transport = new FlinkTransport(cluster, breaker, requestCounter);
    }

    public FlinkClusterSettings cluster() {
        return cluster;
    }

    public CircuitBreaker circuitBreaker() {
        return breaker;
    }

    /** {@code GET /overview}: Flink version, TaskManagers and slots. */
    public ClusterOverview clusterOverview() {
        return transport.read(RestCall.get("/v1/overview"), FlinkAnswerReader::clusterOverview);
    }

    /** {@code GET /jobs/overview}: every job the JobManager knows, running or recently ended. */
    public List<JobSummary> jobs() {
        return transport.read(RestCall.get("/v1/jobs/overview"), FlinkAnswerReader::jobs);
    }

    /** {@code GET /jobs/:id}: state, vertices with parallelism and max parallelism, topology. */
    public JobDetails job(JobId job) {
        return transport.read(RestCall.get("/v1/jobs/" + job), FlinkAnswerReader::jobDetails);
    }

    /** Like {@link #job} but empty when the cluster does not know the job (404). */
    public Optional<JobDetails> findJob(JobId job) {
        try {
            return Optional.of(job(job));
        } catch (FlinkRestException.ErrorResponse e) {
            if (e.isNotFound()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * {@code GET /jobs/:id/status}: the job's state straight from the dispatcher. Unlike {@link #job}, whose
     * answer Flink caches for {@code web.refresh-interval} (3 s by default), this is current: it is how the
     * advisor sees a stopped job's end without delaying the resubmission. Empty when the cluster does not know the job.
     */
    public Optional<JobStatus> jobStatus(JobId job) {
        try {
            return Optional.of(transport.read(
                    RestCall.get("/v1/jobs/" + job + "/status"), answer -> JobStatus.parse(answer.text("status"))));
        } catch (FlinkRestException.ErrorResponse e) {
            if (e.isNotFound()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * {@code GET /jobs/:id/vertices/:vertexId/subtasktimes}: when each subtask of a vertex entered each state,
     * on the JobManager's clock (e.g. when the last subtask became RUNNING after a rescale).
     */
    public List<Map<ExecutionState, java.time.Instant>> subtaskTimes(
            JobId job, dev.scalingadvisor.core.job.VertexId vertex) {
        return transport.read(
                RestCall.get("/v1/jobs/" + job + "/vertices/" + vertex + "/subtasktimes"),
                FlinkAnswerReader::subtaskTimes);
    }

    /** {@code GET /jobs/:id/checkpoints}; empty when checkpointing is not enabled for the job. */
    public Optional<CheckpointStats> checkpoints(JobId job) {
        try {
            return Optional.of(
                    transport.read(RestCall.get("/v1/jobs/" + job + "/checkpoints"), FlinkAnswerReader::checkpoints));
        } catch (FlinkRestException.ErrorResponse e) {
            // Flink answers 404 "Checkpointing has not been enabled." for a job without checkpoints.
            if (e.isNotFound()
                    && e.flinkMessage().toLowerCase(java.util.Locale.ROOT).contains("not been enabled")) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * The task slots allocated to {@code job} across all TaskManagers ({@code GET /taskmanagers}, then
     * {@code GET /taskmanagers/:id} for each). More than the job's parallelism needs when the adaptive scheduler
     * has scaled down and not yet released the idle slots ({@code slot.idle.timeout}); a rescale can use those.
     */
    public int slotsAllocatedTo(JobId job) {
        List<String> taskManagers = transport.read(RestCall.get("/v1/taskmanagers"), answer -> {
            List<String> ids = new ArrayList<>();
            for (FlinkAnswer tm : answer.array("taskmanagers")) {
                ids.add(tm.text("id"));
            }
            return ids;
        });
        int slots = 0;
        for (String taskManager : taskManagers) {
            slots += transport.read(
                    RestCall.get("/v1/taskmanagers/" + taskManager),
                    answer -> (int) answer.optionalArray("allocatedSlots").stream()
                            .filter(slot -> slot.optionalText("jobId")
                                    .filter(job.value()::equals)
                                    .isPresent())
                            .count());
        }
        return slots;
    }

    /** {@code GET /jobs/:id/config}: the job's execution config. */
    public JobConfig jobConfig(JobId job) {
        return transport.read(RestCall.get("/v1/jobs/" + job + "/config"), FlinkAnswerReader::jobConfig);
    }

    /** {@code GET /jobs/:id/jobmanager/config}: the JobManager configuration the job runs with. */
    public Map<String, String> jobManagerConfig(JobId job) {
        RestCall call = RestCall.get("/v1/jobs/" + job + "/jobmanager/config");
        return transport.read(call, answer -> FlinkAnswerReader.configuration(transport.describe(call), answer.node()));
    }

    /** Which scheduler runs the job; see {@link JobScheduler} for how this is decided. */
    public JobScheduler scheduler(JobId job) {
        return JobScheduler.of(jobManagerConfig(job), job(job).jobType());
    }

    /** {@code GET /jobs/:id/exceptions}: the job's most recent failure, if it had one. */
    public Optional<JobException> latestException(JobId job) {
        return transport.read(
                RestCall.get("/v1/jobs/" + job + "/exceptions?maxExceptions=1"), FlinkAnswerReader::latestException);
    }

    /** {@code GET /jars}: the jars uploaded to the cluster. */
    public List<UploadedJar> jars() {
        return transport.read(RestCall.get("/v1/jars"), FlinkAnswerReader::jars);
    }

    /** The call {@link #uploadJar} makes, for dry runs. */
    public static RestCall uploadCall(Path jar) {
        return new RestCall("POST", "/v1/jars/upload", Optional.empty(), Optional.of(jar));
    }

    /** {@code POST /jars/upload}; returns the new jar's id. {@code timeout} bounds the whole upload. */
    public String uploadJar(Path jar, Duration timeout) {
        return transport.read(uploadCall(jar), Optional.of(timeout), FlinkAnswerReader::uploadedJarId);
    }

    /**
     * {@code POST /jars/:id/run}; returns the new job's id. Flink runs the job's main method inside this call,
     * which can take far longer than a status call: {@code timeout} bounds it.
     */
    public JobId runJar(JarRun run, Duration timeout) {
        return transport.read(run.call(), Optional.of(timeout), answer -> FlinkAnswerReader.jobId(answer, "jobid"));
    }

    /**
     * {@code POST /jobs/:id/stop}. The operation's trigger id is the request's own, so a lost or unreadable
     * answer is no reason to stop polling it.
     */
    public TriggerId stopWithSavepoint(StopWithSavepoint stop) {
        transport.execute(stop.call(), Optional.empty());
        return stop.triggerId();
    }

    /** {@code POST /jobs/:id/savepoints}: a savepoint of a job that keeps running. */
    public TriggerId triggerSavepoint(SavepointTrigger trigger) {
        transport.execute(trigger.call(), Optional.empty());
        return trigger.triggerId();
    }

    /** {@code GET /jobs/:id/savepoints/:triggerId}: the status of a savepoint or stop-with-savepoint. */
    public SavepointStatus savepointStatus(JobId job, TriggerId trigger) {
        return transport.read(
                RestCall.get("/v1/jobs/" + job + "/savepoints/" + trigger), FlinkAnswerReader::savepointStatus);
    }

    /** {@code GET /jobs/:id/resource-requirements}: the adaptive scheduler's parallelism bounds per vertex. */
    public ResourceRequirements resourceRequirements(JobId job) {
        return transport.read(
                RestCall.get("/v1/jobs/" + job + "/resource-requirements"), FlinkAnswerReader::resourceRequirements);
    }

    /** {@code PUT /jobs/:id/resource-requirements}; the default scheduler refuses it with an error. */
    public void updateResourceRequirements(JobId job, ResourceRequirements requirements) {
        transport.execute(requirements.updateCall(job), Optional.empty());
    }

    /** The call {@link #cancel} makes, for dry runs. */
    public static RestCall cancelCall(JobId job) {
        return new RestCall("PATCH", "/v1/jobs/" + job + "?mode=cancel", Optional.empty(), Optional.empty());
    }

    /** {@code PATCH /jobs/:id?mode=cancel}: cancel without a savepoint. */
    public void cancel(JobId job) {
        transport.execute(cancelCall(job), Optional.empty());
    }
}
