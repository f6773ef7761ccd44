package dev.scalingadvisor.actions.flink;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scalingadvisor.rules.http.HttpClientFactory;
import dev.scalingadvisor.rules.job.JobId;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The advisor's client of one Flink cluster's REST API (v1, checked against Flink 1.19 and 1.20). Every call
 * has the cluster's timeout (longer ones where Flink itself works, see {@link #runJar}), goes through the
 * cluster's circuit breaker, and fails with a {@link FlinkRestException} that carries Flink's own message.
 * Thread-safe. Obtain one from {@link FlinkClusters#client}.
 */
public final class FlinkRestClient {

    private static final Logger LOG = LoggerFactory.getLogger(FlinkRestClient.class);
    private static final MediaType JSON = MediaType.get("application/json");
    private static final MediaType JAR = MediaType.get("application/x-java-archive");

    private final FlinkClusterSettings cluster;
    private final OkHttpClient http;
    private final CircuitBreaker breaker;
    private final BiConsumer<String, String> requestCounter;
    private final String baseUrl;

    FlinkRestClient(FlinkClusterSettings cluster, CircuitBreaker breaker, BiConsumer<String, String> requestCounter) {
        this.cluster = cluster;
        this.http = HttpClientFactory.forEndpoint(cluster.rest());
        this.breaker = breaker;
        this.requestCounter = requestCounter;
        String url = cluster.rest().url().toString();
        this.baseUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    public FlinkClusterSettings cluster() {
        return cluster;
    }

    public CircuitBreaker circuitBreaker() {
        return breaker;
    }

    /** {@code GET /overview}: Flink version, TaskManagers and slots. */
    public ClusterOverview clusterOverview() {
        return read(RestCall.get("/v1/overview"), FlinkAnswerReader::clusterOverview);
    }

    /** {@code GET /jobs/overview}: every job the JobManager knows, running or recently ended. */
    public List<JobSummary> jobs() {
        return read(RestCall.get("/v1/jobs/overview"), FlinkAnswerReader::jobs);
    }

    /** {@code GET /jobs/:id}: state, vertices with parallelism and max parallelism, topology. */
    public JobDetails job(JobId job) {
        return read(RestCall.get("/v1/jobs/" + job), FlinkAnswerReader::jobDetails);
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
    public Optional<JobState> jobStatus(JobId job) {
        try {
            return Optional.of(read(RestCall.get("/v1/jobs/" + job + "/status"), answer -> JobState.parse(answer.text("status"))));
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
    public List<Map<ExecutionState, java.time.Instant>> subtaskTimes(JobId job, dev.scalingadvisor.rules.job.VertexId vertex) {
        return read(RestCall.get("/v1/jobs/" + job + "/vertices/" + vertex + "/subtasktimes"), FlinkAnswerReader::subtaskTimes);
    }

    /** {@code GET /jobs/:id/checkpoints}; empty when checkpointing is not enabled for the job. */
    public Optional<CheckpointStats> checkpoints(JobId job) {
        try {
            return Optional.of(read(RestCall.get("/v1/jobs/" + job + "/checkpoints"), FlinkAnswerReader::checkpoints));
        } catch (FlinkRestException.ErrorResponse e) {
            // Flink answers 404 "Checkpointing has not been enabled." for a job without checkpoints.
            if (e.isNotFound() && e.flinkMessage().toLowerCase(java.util.Locale.ROOT).contains("not been enabled")) {
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
        List<String> taskManagers = read(RestCall.get("/v1/taskmanagers"), answer -> {
            List<String> ids = new ArrayList<>();
            for (FlinkAnswer tm : answer.array("taskmanagers")) {
                ids.add(tm.text("id"));
            }
            return ids;
        });
        int slots = 0;
        for (String taskManager : taskManagers) {
            slots += read(RestCall.get("/v1/taskmanagers/" + taskManager), answer -> (int) answer.optionalArray("allocatedSlots").stream()
                    .filter(slot -> slot.optionalText("jobId").filter(job.value()::equals).isPresent()).count());
        }
        return slots;
    }

    /** {@code GET /jobs/:id/config}: the job's execution config. */
    public JobConfig jobConfig(JobId job) {
        return read(RestCall.get("/v1/jobs/" + job + "/config"), FlinkAnswerReader::jobConfig);
    }

    /** {@code GET /jobs/:id/jobmanager/config}: the JobManager configuration the job runs with. */
    public Map<String, String> jobManagerConfig(JobId job) {
        RestCall call = RestCall.get("/v1/jobs/" + job + "/jobmanager/config");
        return read(call, answer -> FlinkAnswerReader.configuration(describe(call), answer.node()));
    }

    /** Which scheduler runs the job; see {@link JobScheduler} for how this is decided. */
    public JobScheduler scheduler(JobId job) {
        return JobScheduler.of(jobManagerConfig(job), job(job).jobType());
    }

    /** {@code GET /jobs/:id/exceptions}: the job's most recent failure, if it had one. */
    public Optional<JobException> latestException(JobId job) {
        return read(RestCall.get("/v1/jobs/" + job + "/exceptions?maxExceptions=1"), FlinkAnswerReader::latestException);
    }

    /** {@code GET /jars}: the jars uploaded to the cluster. */
    public List<UploadedJar> jars() {
        return read(RestCall.get("/v1/jars"), FlinkAnswerReader::jars);
    }

    /** The call {@link #uploadJar} makes, for dry runs. */
    public static RestCall uploadCall(Path jar) {
        return new RestCall("POST", "/v1/jars/upload", Optional.empty(), Optional.of(jar));
    }

    /** {@code POST /jars/upload}; returns the new jar's id. {@code timeout} bounds the whole upload. */
    public String uploadJar(Path jar, Duration timeout) {
        return read(uploadCall(jar), Optional.of(timeout), FlinkAnswerReader::uploadedJarId);
    }

    /**
     * {@code POST /jars/:id/run}; returns the new job's id. Flink runs the job's main method inside this call,
     * which can take far longer than a status call: {@code timeout} bounds it.
     */
    public JobId runJar(JarRun run, Duration timeout) {
        return read(run.call(), Optional.of(timeout), answer -> FlinkAnswerReader.jobId(answer, "jobid"));
    }

    /**
     * {@code POST /jobs/:id/stop}. The operation's trigger id is the request's own, so a lost or unreadable
     * answer is no reason to stop polling it.
     */
    public TriggerId stopWithSavepoint(StopWithSavepoint stop) {
        execute(stop.call(), Optional.empty());
        return stop.triggerId();
    }

    /** {@code POST /jobs/:id/savepoints}: a savepoint of a job that keeps running. */
    public TriggerId triggerSavepoint(SavepointTrigger trigger) {
        execute(trigger.call(), Optional.empty());
        return trigger.triggerId();
    }

    /** {@code GET /jobs/:id/savepoints/:triggerId}: the status of a savepoint or stop-with-savepoint. */
    public SavepointStatus savepointStatus(JobId job, TriggerId trigger) {
        return read(RestCall.get("/v1/jobs/" + job + "/savepoints/" + trigger), FlinkAnswerReader::savepointStatus);
    }

    /** {@code GET /jobs/:id/resource-requirements}: the adaptive scheduler's parallelism bounds per vertex. */
    public ResourceRequirements resourceRequirements(JobId job) {
        return read(RestCall.get("/v1/jobs/" + job + "/resource-requirements"), FlinkAnswerReader::resourceRequirements);
    }

    /** {@code PUT /jobs/:id/resource-requirements}; the default scheduler refuses it with an error. */
    public void updateResourceRequirements(JobId job, ResourceRequirements requirements) {
        execute(requirements.updateCall(job), Optional.empty());
    }

    /** The call {@link #cancel} makes, for dry runs. */
    public static RestCall cancelCall(JobId job) {
        return new RestCall("PATCH", "/v1/jobs/" + job + "?mode=cancel", Optional.empty(), Optional.empty());
    }

    /** {@code PATCH /jobs/:id?mode=cancel}: cancel without a savepoint. */
    public void cancel(JobId job) {
        execute(cancelCall(job), Optional.empty());
    }

    private <T> T read(RestCall call, AnswerReader<T> reader) {
        return read(call, Optional.empty(), reader);
    }

    /**
     * Sends one call through the cluster's circuit breaker and reads its answer inside it, so an unreadable
     * answer counts against the cluster like a failed call.
     */
    private <T> T read(RestCall call, Optional<Duration> timeout, AnswerReader<T> reader) {
        String described = describe(call);
        Supplier<T> guarded = CircuitBreaker.decorateSupplier(breaker, () -> {
            String text = send(call, described, timeout);
            try {
                T value = reader.read(FlinkAnswer.of(described, json(described, text)));
                requestCounter.accept(cluster.name(), "ok");
                return value;
            } catch (FlinkRestException.MalformedResponse e) {
                requestCounter.accept(cluster.name(), "malformed");
                throw e;
            } catch (IllegalArgumentException e) {
                requestCounter.accept(cluster.name(), "malformed");
                throw new FlinkRestException.MalformedResponse(described, e.getMessage());
            }
        });
        try {
            return guarded.get();
        } catch (CallNotPermittedException e) {
            requestCounter.accept(cluster.name(), "not_permitted");
            throw new FlinkRestException.CircuitOpen(described);
        }
    }

    /**
     * A call whose answer only matters as "accepted" (a 2xx): its body is not parsed, so an unreadable body
     * cannot make an accepted stop or PUT look failed.
     */
    private void execute(RestCall call, Optional<Duration> timeout) {
        String described = describe(call);
        Supplier<String> guarded = CircuitBreaker.decorateSupplier(breaker, () -> {
            String text = send(call, described, timeout);
            requestCounter.accept(cluster.name(), "ok");
            return text;
        });
        try {
            guarded.get();
        } catch (CallNotPermittedException e) {
            requestCounter.accept(cluster.name(), "not_permitted");
            throw new FlinkRestException.CircuitOpen(described);
        }
    }

    private static JsonNode json(String described, String text) {
        if (text.isBlank()) {
            return FlinkJson.object();
        }
        try {
            return FlinkJson.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new FlinkRestException.MalformedResponse(described, "not JSON: " + abbreviate(text));
        }
    }

    /** The body of a successful answer; an error status is an {@link FlinkRestException.ErrorResponse}. */
    private String send(RestCall call, String described, Optional<Duration> timeout) {
        Request request = request(call, described);
        OkHttpClient client = timeout.map(t -> http.newBuilder().callTimeout(t).readTimeout(t).writeTimeout(t).build()).orElse(http);
        long started = System.nanoTime();
        try (Response response = client.newCall(request).execute()) {
            ResponseBody responseBody = response.body();
            String text = responseBody == null ? "" : responseBody.string();
            LOG.debug("flink cluster={} call=\"{} {}\" status={} took_ms={}", cluster.name(), call.method(), call.path(),
                    response.code(), (System.nanoTime() - started) / 1_000_000);
            if (!response.isSuccessful()) {
                requestCounter.accept(cluster.name(), response.code() >= 500 ? "failed" : "refused");
                throw new FlinkRestException.ErrorResponse(described, response.code(), errors(text));
            }
            return text;
        } catch (IOException e) {
            requestCounter.accept(cluster.name(), "unreachable");
            throw new FlinkRestException.Unreachable(described, e);
        }
    }

    private Request request(RestCall call, String described) {
        HttpUrl url = HttpUrl.parse(baseUrl + call.path());
        if (url == null) {
            throw new IllegalArgumentException("not a URL: " + described);
        }
        RequestBody body = null;
        if (call.upload().isPresent()) {
            Path jar = call.upload().get();
            body = new MultipartBody.Builder().setType(MultipartBody.FORM)
                    .addFormDataPart("jarfile", jar.getFileName().toString(), RequestBody.create(jar.toFile(), JAR))
                    .build();
        } else if (call.jsonBody().isPresent()) {
            body = RequestBody.create(call.jsonBody().get(), JSON);
        } else if (!call.method().equals("GET")) {
            body = RequestBody.create(new byte[0], null);
        }
        return new Request.Builder().url(url).method(call.method(), body).header("Accept", "application/json").build();
    }

    /** Flink's error body is {@code {"errors": [...]}}; anything else (a proxy's page) is kept as one short message. */
    private static List<String> errors(String text) {
        List<String> errors = new ArrayList<>();
        try {
            JsonNode node = FlinkJson.MAPPER.readTree(text);
            if (node != null && node.path("errors").isArray()) {
                node.path("errors").forEach(e -> errors.add(e.asText()));
            }
        } catch (IOException e) {
            // not JSON: keep the text below
        }
        if (errors.isEmpty() && !text.isBlank()) {
            errors.add(abbreviate(text));
        }
        return errors;
    }

    private static String abbreviate(String text) {
        String oneLine = text.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 200) + "…";
    }

    private String describe(RestCall call) {
        String path = call.path();
        int query = path.indexOf('?');
        return "flink cluster " + cluster.name() + ": " + call.method() + " " + (query < 0 ? path : path.substring(0, query));
    }

    /** Reads one answer into a record. */
    @FunctionalInterface
    private interface AnswerReader<T> {
        T read(FlinkAnswer answer);
    }
}
