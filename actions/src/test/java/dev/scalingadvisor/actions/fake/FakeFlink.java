package dev.scalingadvisor.actions.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An in-memory Flink 1.20 session cluster that answers the REST calls the advisor makes, served through
 * WireMock (as a response transformer) so tests can put WireMock's faults in front of any call while the
 * cluster behind behaves like Flink: stop-with-savepoint takes time and stops the job, a submission asks
 * for slots, a duplicate job id is refused, the adaptive scheduler restarts a job when its requirements change.
 * Time is the test's {@link FakeTime}. Jobs have three vertices: {@link #SOURCE} (pinned to 1),
 * {@link #HEAVY} (max parallelism 128) and {@link #SINK} (pinned to 1).
 */
public final class FakeFlink implements ResponseDefinitionTransformerV2 {

    public static final String NAME = "fake-flink";
    public static final String SOURCE = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    public static final String HEAVY = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
    public static final String SINK = "cccccccccccccccccccccccccccccccc";
    public static final String JAR_ID = "11111111-2222-3333-4444-555555555555_orders.jar";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern JOB = Pattern.compile("/v1/jobs/([^/?]+)(/.*)?");

    private final FakeTime time;
    private final Map<String, Job> jobs = new LinkedHashMap<>();
    private final Map<String, Savepoint> savepoints = new LinkedHashMap<>();
    private final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    private final List<Jar> jars = new ArrayList<>();
    private int slotsTotal = 4;
    private String scheduler = "default";
    private Duration savepointDuration = Duration.ofSeconds(2);
    private Optional<String> savepointFailure = Optional.empty();
    private Duration startupDuration = Duration.ofSeconds(3);
    private Duration initializing = Duration.ZERO;
    private Duration adaptiveRestart = Duration.ofSeconds(2);
    private Predicate<Job> restarts = job -> false;
    private Duration restartAfter = Duration.ofSeconds(5);
    private Optional<String> mainFailure = Optional.empty();
    private boolean savepointDirectory = true;

    public FakeFlink(FakeTime time) {
        this.time = time;
        jars.add(new Jar(JAR_ID, "orders.jar", time.instant().minus(Duration.ofDays(1))));
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    // ---- set-up

    /** A job running for {@code runningFor} at {@code heavyParallelism}, with a checkpoint completed 5 s ago. */
    public synchronized String runningJob(String name, int heavyParallelism, Duration runningFor) {
        Instant started = time.instant().minus(runningFor);
        Job job = new Job(newId(), name, started, parallelism(heavyParallelism));
        job.runningAt = started.plusSeconds(1);
        job.timestamps.put("RUNNING", job.runningAt);
        jobs.put(job.id, job);
        return job.id;
    }

    public synchronized FakeFlink slots(int total) {
        slotsTotal = total;
        return this;
    }

    public synchronized FakeFlink adaptiveScheduler() {
        scheduler = "adaptive";
        return this;
    }

    public synchronized FakeFlink savepointsTake(Duration duration) {
        savepointDuration = duration;
        return this;
    }

    /** Every stop-with-savepoint fails with {@code cause}; the job keeps running, as in Flink. */
    public synchronized FakeFlink savepointsFail(String cause) {
        savepointFailure = Optional.of(cause);
        return this;
    }

    /**
     * Jobs submitted from now on first show as INITIALIZING for {@code duration}, with no vertices: Flink's sparse
     * execution graph while it sets a submitted job up.
     */
    public synchronized FakeFlink submittedJobsInitializeFor(Duration duration) {
        initializing = duration;
        return this;
    }

    public synchronized FakeFlink jobsStartIn(Duration duration) {
        startupDuration = duration;
        return this;
    }

    /** Jobs matching {@code which} restart {@code after} they started running (once). */
    public synchronized FakeFlink restart(Predicate<Job> which, Duration after) {
        restarts = which;
        restartAfter = after;
        return this;
    }

    /** The cluster has no default savepoint directory configured. */
    public synchronized FakeFlink withoutSavepointDirectory() {
        savepointDirectory = false;
        return this;
    }

    /** Jar runs fail in the job's main method with {@code message}, as a broken jar would. */
    public synchronized FakeFlink mainFails(String message) {
        mainFailure = Optional.of(message);
        return this;
    }

    public synchronized FakeFlink mainWorks() {
        mainFailure = Optional.empty();
        return this;
    }

    // ---- inspection

    /** Every call served by the fake, {@code METHOD path}, in order (calls answered by a fault stub alone are not here). */
    public List<String> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    /** Whether a call matching {@code regex} ({@code METHOD path}) reaches the fake within {@code timeout}. */
    public boolean awaitCall(String regex, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (calls) {
            while (calls.stream().noneMatch(c -> c.matches(regex))) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(calls, left);
            }
            return true;
        }
    }

    public synchronized Optional<Job> job(String id) {
        advance();
        return Optional.ofNullable(jobs.get(id));
    }

    /** Jobs of that name that have not ended. */
    public synchronized List<Job> alive(String name) {
        advance();
        return jobs.values().stream()
                .filter(j -> j.name.equals(name) && !j.ended())
                .toList();
    }

    public synchronized List<String> savepointLocations() {
        advance();
        return savepoints.values().stream()
                .filter(s -> s.location != null)
                .map(s -> s.location)
                .toList();
    }

    // ---- the REST API

    @Override
    public ResponseDefinition transform(ServeEvent event) {
        String method = event.getRequest().getMethod().getName();
        String url = event.getRequest().getUrl();
        String body = event.getRequest().getBodyAsString();
        synchronized (calls) {
            calls.add(method + " " + url);
            calls.notifyAll();
        }
        Answer answer;
        synchronized (this) {
            advance();
            answer = handle(method, url, body);
        }
        boolean malformed = event.getTransformerParameters() != null
                && event.getTransformerParameters().containsKey("malformed");
        return ResponseDefinitionBuilder.like(event.getResponseDefinition())
                .withStatus(malformed ? 200 : answer.status)
                .withHeader("Content-Type", "application/json")
                .withBody(malformed ? "<html><body>502 Bad Gateway (proxy)</body></html>" : answer.body)
                .build();
    }

    private Answer handle(String method, String url, String body) {
        String path = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
        if (method.equals("GET") && path.equals("/v1/overview")) {
            return ok(overview());
        }
        if (method.equals("GET") && path.equals("/v1/jobs/overview")) {
            return ok(jobsOverview());
        }
        if (method.equals("GET") && path.equals("/v1/taskmanagers")) {
            ObjectNode node = JSON.createObjectNode();
            node.putArray("taskmanagers")
                    .addObject()
                    .put("id", "tm-0")
                    .put("slotsNumber", slotsTotal)
                    .put("freeSlots", slotsTotal - usedSlots());
            return ok(node);
        }
        if (method.equals("GET") && path.equals("/v1/taskmanagers/tm-0")) {
            ObjectNode node = JSON.createObjectNode().put("id", "tm-0").put("slotsNumber", slotsTotal);
            ArrayNode allocated = node.putArray("allocatedSlots");
            for (Job job : jobs.values()) {
                if (!job.ended() && job.runningAt != null) {
                    for (int i = 0; i < required(job) + job.idleSlots; i++) {
                        allocated
                                .addObject()
                                .put("jobId", job.id)
                                .putObject("resource")
                                .put("cpuCores", 0.0);
                    }
                }
            }
            return ok(node);
        }
        if (method.equals("GET") && path.equals("/v1/jars")) {
            return ok(jarList());
        }
        if (method.equals("POST") && path.equals("/v1/jars/upload")) {
            Jar jar = new Jar(UUID.randomUUID() + "_orders.jar", "orders.jar", time.instant());
            jars.add(jar);
            return ok(JSON.createObjectNode()
                    .put("filename", "/tmp/flink-web/flink-web-upload/" + jar.id)
                    .put("status", "success"));
        }
        Matcher run = Pattern.compile("/v1/jars/([^/]+)/run").matcher(path);
        if (method.equals("POST") && run.matches()) {
            return runJar(run.group(1), read(body));
        }
        Matcher jobPath = JOB.matcher(path);
        if (!jobPath.matches()) {
            return error(404, "Not found: " + path);
        }
        Job job = jobs.get(jobPath.group(1));
        if (job == null) {
            return error(
                    404, "org.apache.flink.runtime.rest.NotFoundException: Job " + jobPath.group(1) + " not found");
        }
        String rest = jobPath.group(2) == null ? "" : jobPath.group(2);
        if (method.equals("GET") && rest.isEmpty()) {
            return ok(details(job));
        }
        if (method.equals("PATCH") && rest.isEmpty()) {
            if (!job.ended()) {
                job.end("CANCELED");
            }
            return new Answer(202, "{}");
        }
        if (method.equals("GET") && rest.equals("/status")) {
            return ok(JSON.createObjectNode().put("status", job.initializing() ? "INITIALIZING" : job.state));
        }
        Matcher times = Pattern.compile("/vertices/([0-9a-f]{32})/subtasktimes").matcher(rest);
        if (method.equals("GET") && times.matches()) {
            ObjectNode node = JSON.createObjectNode()
                    .put("id", times.group(1))
                    .put("name", vertexName(times.group(1)))
                    .put("now", time.millis());
            ArrayNode subtasks = node.putArray("subtasks");
            for (int i = 0; i < job.parallelism.getOrDefault(times.group(1), 0); i++) {
                ObjectNode timestamps = subtasks.addObject()
                        .put("subtask", i)
                        .put("host", "127.0.0.1")
                        .putObject("timestamps");
                timestamps.put("CREATED", job.started.toEpochMilli());
                if (job.runningAt != null) {
                    timestamps.put("RUNNING", job.runningAt.toEpochMilli());
                }
            }
            return ok(node);
        }
        if (method.equals("GET") && rest.equals("/checkpoints")) {
            return ok(checkpoints(job));
        }
        if (method.equals("GET") && rest.equals("/jobmanager/config")) {
            ArrayNode config = JSON.createArrayNode();
            config.addObject().put("key", "jobmanager.scheduler").put("value", scheduler);
            if (savepointDirectory) {
                config.addObject().put("key", "state.savepoints.dir").put("value", "file:///savepoints");
            }
            return ok(config);
        }
        if (method.equals("GET") && rest.equals("/exceptions")) {
            ObjectNode exceptions = JSON.createObjectNode();
            ArrayNode entries = exceptions.putObject("exceptionHistory").putArray("entries");
            job.failure.ifPresent(f -> entries.addObject()
                    .put("exceptionName", "java.lang.RuntimeException")
                    .put("stacktrace", "java.lang.RuntimeException: " + f + "\n\tat Operator.process")
                    .put("timestamp", time.millis()));
            return ok(exceptions);
        }
        if (method.equals("POST") && rest.equals("/stop")) {
            return stop(job, read(body));
        }
        if (method.equals("GET") && rest.startsWith("/savepoints/")) {
            Savepoint savepoint = savepoints.get(rest.substring("/savepoints/".length()));
            if (savepoint == null || !savepoint.job.equals(job.id)) {
                return error(
                        404,
                        "org.apache.flink.runtime.rest.handler.RestHandlerException: There is no savepoint operation with triggerId="
                                + rest.substring("/savepoints/".length()) + " for job " + job.id + ".");
            }
            return ok(savepoint.status());
        }
        if (rest.equals("/resource-requirements")) {
            return requirements(job, method, body);
        }
        return error(404, "Not found: " + path);
    }

    private Answer stop(Job job, JsonNode body) {
        if (job.ended()) {
            return error(
                    409,
                    "org.apache.flink.runtime.rest.handler.RestHandlerException: Job " + job.id + " is not running");
        }
        String trigger =
                body.path("triggerId").asText(UUID.randomUUID().toString().replace("-", ""));
        String dir = body.path("targetDirectory").asText("file:///savepoints");
        savepoints.put(trigger, new Savepoint(trigger, job.id, time.instant(), dir));
        return new Answer(
                202, JSON.createObjectNode().put("request-id", trigger).toString());
    }

    private Answer runJar(String jarId, JsonNode body) {
        if (jars.stream().noneMatch(j -> j.id.equals(jarId))) {
            return error(
                    400,
                    "org.apache.flink.runtime.webmonitor.handlers.JarRunHandler: Jar file /tmp/" + jarId
                            + " does not exist");
        }
        if (mainFailure.isPresent()) {
            return error(
                    400,
                    "org.apache.flink.runtime.rest.handler.RestHandlerException: Could not execute application.\n\tat JarRunHandler"
                            + "\nCaused by: org.apache.flink.client.program.ProgramInvocationException: The main method caused an error: "
                            + mainFailure.get());
        }
        String id = body.path("jobId").asText(newId());
        if (jobs.containsKey(id)) {
            return error(
                    400,
                    "org.apache.flink.runtime.rest.handler.RestHandlerException: Could not execute application.\n\tat JarRunHandler"
                            + "\nCaused by: org.apache.flink.runtime.client.DuplicateJobSubmissionException: Job has already been submitted.");
        }
        String savepoint = body.path("savepointPath").asText(null);
        if (savepoint != null && savepoints.values().stream().noneMatch(s -> savepoint.equals(s.location))) {
            return error(
                    400,
                    "Could not execute application.\nCaused by: java.io.FileNotFoundException: Cannot find savepoint "
                            + savepoint);
        }
        Map<String, Integer> parallelism = parallelism(1);
        String overrides = body.path("flinkConfiguration")
                .path("pipeline.jobvertex-parallelism-overrides")
                .asText("");
        for (String pair : overrides.split(",")) {
            if (pair.contains(":") && parallelism.containsKey(pair.split(":")[0])) {
                parallelism.put(pair.split(":")[0], Integer.parseInt(pair.split(":")[1]));
            }
        }
        String name = jobs.values().stream()
                .filter(j -> savepoint != null
                        && savepoints.values().stream()
                                .anyMatch(s -> savepoint.equals(s.location) && s.job.equals(j.id)))
                .map(j -> j.name)
                .findFirst()
                .orElse("orders");
        Job job = new Job(id, name, time.instant(), parallelism);
        job.initializingUntil = time.instant().plus(initializing);
        job.restoredFrom = Optional.ofNullable(savepoint);
        jobs.put(id, job);
        schedule(job);
        return ok(JSON.createObjectNode().put("jobid", id));
    }

    private Answer requirements(Job job, String method, String body) {
        if (!scheduler.equals("adaptive")) {
            return error(
                    500,
                    "Internal server error.",
                    "<Exception on server side:\njava.lang.UnsupportedOperationException: The DefaultScheduler"
                            + " does not support changing the parallelism without a job restart.\n\tat SchedulerNG");
        }
        if (method.equals("GET")) {
            ObjectNode node = JSON.createObjectNode();
            job.upperBounds.forEach((vertex, upper) -> node.putObject(vertex)
                    .putObject("parallelism")
                    .put("lowerBound", 1)
                    .put("upperBound", upper));
            return ok(node);
        }
        JsonNode requested = read(body);
        Map<String, Integer> upper = new LinkedHashMap<>();
        for (String vertex : job.parallelism.keySet()) {
            if (!requested.has(vertex)) {
                return error(
                        400,
                        "org.apache.flink.runtime.rest.handler.RestHandlerException: The request is incomplete, missing job vertex ["
                                + vertex + "] resource requirements.");
            }
            upper.put(
                    vertex,
                    requested
                            .path(vertex)
                            .path("parallelism")
                            .path("upperBound")
                            .asInt());
        }
        job.upperBounds.putAll(upper);
        if (!upper.equals(job.parallelism)) {
            // After a scale-down the adaptive scheduler keeps the slots it no longer needs for a while
            // (slot.idle.timeout).
            job.idleSlots = Math.max(
                    0,
                    required(job)
                            + job.idleSlots
                            - upper.values().stream()
                                    .mapToInt(Integer::intValue)
                                    .max()
                                    .orElse(1));
            // The adaptive scheduler restarts the job at the parallelism the free slots allow, up to the upper bounds.
            job.parallelism.putAll(upper);
            job.runningAt = null;
            job.timestamps.put("CREATED", time.instant());
            job.state = "CREATED";
            schedule(job, adaptiveRestart);
        }
        return ok(JSON.createObjectNode());
    }

    // ---- behaviour over time

    /** Applies whatever the clock says has happened: savepoints completing, jobs stopping, starting, restarting. */
    private void advance() {
        Instant now = time.instant();
        for (Savepoint savepoint : savepoints.values()) {
            if (savepoint.status.equals("IN_PROGRESS") && !now.isBefore(savepoint.triggered.plus(savepointDuration))) {
                Job job = jobs.get(savepoint.job);
                if (savepointFailure.isPresent() || job.ended()) {
                    savepoint.status = "FAILED";
                    savepoint.cause = savepointFailure.orElse("the job ended");
                } else {
                    savepoint.status = "COMPLETED";
                    savepoint.location =
                            savepoint.dir + "/savepoint-" + job.id.substring(0, 6) + "-" + savepoints.size();
                    job.stopSavepoint = Optional.of(savepoint);
                    job.end("FINISHED");
                }
            }
        }
        for (Job job : jobs.values()) {
            if (job.ended()) {
                continue;
            }
            if (job.runningAt == null
                    && job.scheduledAt != null
                    && !now.isBefore(job.scheduledAt)
                    && required(job) <= freeSlots(job)) {
                job.runningAt = now;
                job.state = "RUNNING";
                job.timestamps.put("RUNNING", now);
            }
            if (job.runningAt != null
                    && !job.restarted
                    && restarts.test(job)
                    && !now.isBefore(job.runningAt.plus(restartAfter))) {
                job.restarted = true;
                job.failure = Optional.of("boom in " + job.name);
                job.timestamps.put("RESTARTING", now);
                job.timestamps.put("RUNNING", now);
            }
        }
    }

    private void schedule(Job job) {
        schedule(job, startupDuration);
    }

    private void schedule(Job job, Duration after) {
        job.scheduledAt = time.instant().plus(after);
    }

    private int freeSlots(Job asking) {
        int used = jobs.values().stream()
                .filter(j -> !j.ended() && j != asking && j.runningAt != null)
                .mapToInt(j -> required(j) + j.idleSlots)
                .sum();
        return slotsTotal - used;
    }

    private static int required(Job job) {
        return job.parallelism.values().stream()
                .mapToInt(Integer::intValue)
                .max()
                .orElse(1);
    }

    private static Map<String, Integer> parallelism(int heavy) {
        Map<String, Integer> parallelism = new LinkedHashMap<>();
        parallelism.put(SOURCE, 1);
        parallelism.put(HEAVY, heavy);
        parallelism.put(SINK, 1);
        return parallelism;
    }

    // ---- answers

    private int usedSlots() {
        return jobs.values().stream()
                .filter(j -> !j.ended() && j.runningAt != null)
                .mapToInt(j -> required(j) + j.idleSlots)
                .sum();
    }

    private ObjectNode overview() {
        int used = usedSlots();
        return JSON.createObjectNode()
                .put("taskmanagers", slotsTotal / 2)
                .put("slots-total", slotsTotal)
                .put("slots-available", slotsTotal - used)
                .put("jobs-running", 1)
                .put("flink-version", "1.20.1")
                .put("flink-commit", "abc");
    }

    private ObjectNode jobsOverview() {
        ObjectNode node = JSON.createObjectNode();
        ArrayNode list = node.putArray("jobs");
        for (Job job : jobs.values()) {
            list.addObject()
                    .put("jid", job.id)
                    .put("name", job.name)
                    .put("state", job.state)
                    .put("start-time", job.started.toEpochMilli())
                    .put("end-time", job.endedAt.map(Instant::toEpochMilli).orElse(-1L));
        }
        return node;
    }

    private ObjectNode jarList() {
        ObjectNode node = JSON.createObjectNode().put("address", "http://127.0.0.1");
        ArrayNode files = node.putArray("files");
        for (Jar jar : jars) {
            ObjectNode file = files.addObject()
                    .put("id", jar.id)
                    .put("name", jar.name)
                    .put("uploaded", jar.uploaded.toEpochMilli());
            file.putArray("entry").addObject().put("name", "com.example.Orders");
        }
        return node;
    }

    private ObjectNode details(Job job) {
        if (job.initializing()) {
            ObjectNode sparse = JSON.createObjectNode()
                    .put("jid", job.id)
                    .put("name", job.name)
                    .put("isStoppable", false)
                    .put("state", "INITIALIZING")
                    .put("job-type", "STREAMING")
                    .put("start-time", job.started.toEpochMilli())
                    .put("end-time", -1L)
                    .put("now", time.millis())
                    .put("maxParallelism", -1);
            sparse.putObject("timestamps").put("INITIALIZING", job.started.toEpochMilli());
            sparse.putArray("vertices");
            sparse.putObject("plan")
                    .put("jid", job.id)
                    .put("name", job.name)
                    .put("type", "STREAMING")
                    .putArray("nodes");
            return sparse;
        }
        ObjectNode node = JSON.createObjectNode()
                .put("jid", job.id)
                .put("name", job.name)
                .put("isStoppable", false)
                .put("state", job.state)
                .put("job-type", "STREAMING")
                .put("start-time", job.started.toEpochMilli())
                .put("end-time", job.endedAt.map(Instant::toEpochMilli).orElse(-1L))
                .put("now", time.millis())
                .put("maxParallelism", -1);
        ObjectNode timestamps = node.putObject("timestamps");
        for (String state : List.of(
                "INITIALIZING",
                "CREATED",
                "RUNNING",
                "FAILING",
                "FAILED",
                "CANCELLING",
                "CANCELED",
                "FINISHED",
                "RESTARTING",
                "SUSPENDED",
                "RECONCILING")) {
            timestamps.put(
                    state,
                    Optional.ofNullable(job.timestamps.get(state))
                            .map(Instant::toEpochMilli)
                            .orElse(0L));
        }
        ArrayNode vertices = node.putArray("vertices");
        ArrayNode nodes = JSON.createArrayNode();
        String upstream = null;
        for (Map.Entry<String, Integer> vertex : job.parallelism.entrySet()) {
            boolean running = job.runningAt != null && !job.ended();
            ObjectNode v = vertices.addObject()
                    .put("id", vertex.getKey())
                    .put("slotSharingGroupId", "default")
                    .put("name", vertexName(vertex.getKey()))
                    .put("maxParallelism", vertex.getKey().equals(HEAVY) ? 128 : 1)
                    .put("parallelism", vertex.getValue())
                    .put("status", running ? "RUNNING" : job.ended() ? job.state : "SCHEDULED");
            ObjectNode tasks = v.putObject("tasks");
            tasks.put("RUNNING", running ? vertex.getValue() : 0)
                    .put("SCHEDULED", running || job.ended() ? 0 : vertex.getValue())
                    .put("CREATED", 0)
                    .put("DEPLOYING", 0)
                    .put("FINISHED", job.state.equals("FINISHED") ? vertex.getValue() : 0)
                    .put("CANCELED", job.state.equals("CANCELED") ? vertex.getValue() : 0)
                    .put("FAILED", 0);
            ObjectNode planNode = nodes.addObject().put("id", vertex.getKey()).put("parallelism", vertex.getValue());
            if (upstream != null) {
                planNode.putArray("inputs")
                        .addObject()
                        .put("num", 0)
                        .put("id", upstream)
                        .put("ship_strategy", "HASH");
            }
            upstream = vertex.getKey();
        }
        node.putObject("plan")
                .put("jid", job.id)
                .put("name", job.name)
                .put("type", "STREAMING")
                .set("nodes", nodes);
        return node;
    }

    private ObjectNode checkpoints(Job job) {
        ObjectNode node = JSON.createObjectNode();
        node.putObject("counts")
                .put("restored", job.restoredFrom.isPresent() ? 1 : 0)
                .put("total", 5)
                .put("in_progress", 0)
                .put("completed", 5)
                .put("failed", 0);
        ObjectNode latest = node.putObject("latest");
        Instant last = (job.endedAt.orElse(time.instant())).minusSeconds(5);
        latest.putObject("completed")
                .put("className", "completed")
                .put("id", 5)
                .put("status", "COMPLETED")
                .put("is_savepoint", false)
                .put("trigger_timestamp", last.toEpochMilli() - 50)
                .put("latest_ack_timestamp", last.toEpochMilli())
                .put("external_path", "file:///checkpoints/" + job.id + "/chk-5");
        if (job.stopSavepoint.isPresent()) {
            Savepoint s = job.stopSavepoint.get();
            latest.putObject("savepoint")
                    .put("className", "completed")
                    .put("id", 6)
                    .put("status", "COMPLETED")
                    .put("is_savepoint", true)
                    .put("trigger_timestamp", s.triggered.toEpochMilli())
                    .put(
                            "latest_ack_timestamp",
                            s.triggered.plus(savepointDuration).toEpochMilli())
                    .put("external_path", s.location);
        } else {
            latest.putNull("savepoint");
        }
        latest.putNull("failed");
        latest.putNull("restored");
        node.putArray("history");
        return node;
    }

    private static String vertexName(String id) {
        return id.equals(SOURCE) ? "Source: orders" : id.equals(HEAVY) ? "count-per-key" : "ledger -> Sink";
    }

    private static Answer ok(JsonNode node) {
        return new Answer(200, node.toString());
    }

    private static Answer error(int status, String... errors) {
        ObjectNode node = JSON.createObjectNode();
        ArrayNode list = node.putArray("errors");
        for (String error : errors) {
            list.add(error);
        }
        return new Answer(status, node.toString());
    }

    private static JsonNode read(String body) {
        try {
            return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String newId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    /** A job of the fake cluster. */
    public final class Job {
        public final String id;
        public final String name;
        public final Instant started;
        public final Map<String, Integer> parallelism;
        private final Map<String, Integer> upperBounds;
        private final Map<String, Instant> timestamps = new LinkedHashMap<>();
        private String state = "RUNNING";
        private Instant scheduledAt;
        private Instant runningAt;
        private Instant initializingUntil;
        private Optional<Instant> endedAt = Optional.empty();
        private Optional<String> restoredFrom = Optional.empty();
        private Optional<Savepoint> stopSavepoint = Optional.empty();
        private Optional<String> failure = Optional.empty();
        private boolean restarted;
        private int idleSlots;

        private Job(String id, String name, Instant started, Map<String, Integer> parallelism) {
            this.id = id;
            this.name = name;
            this.started = started;
            this.parallelism = new LinkedHashMap<>(parallelism);
            this.upperBounds = new LinkedHashMap<>(parallelism);
            timestamps.put("INITIALIZING", started);
            timestamps.put("CREATED", started);
        }

        public String state() {
            return state;
        }

        boolean initializing() {
            return initializingUntil != null && time.instant().isBefore(initializingUntil);
        }

        public boolean running() {
            return runningAt != null && !ended();
        }

        public int heavyParallelism() {
            return parallelism.get(HEAVY);
        }

        public Optional<String> restoredFrom() {
            return restoredFrom;
        }

        boolean ended() {
            return state.equals("FINISHED") || state.equals("CANCELED") || state.equals("FAILED");
        }

        private void end(String finalState) {
            state = finalState;
            endedAt = Optional.of(time.instant());
            timestamps.put(finalState, time.instant());
        }
    }

    private static final class Savepoint {
        final String trigger;
        final String job;
        final Instant triggered;
        final String dir;
        String status = "IN_PROGRESS";
        String location;
        String cause;

        Savepoint(String trigger, String job, Instant triggered, String dir) {
            this.trigger = trigger;
            this.job = job;
            this.triggered = triggered;
            this.dir = dir;
        }

        ObjectNode status() {
            ObjectNode node = JSON.createObjectNode();
            node.putObject("status").put("id", status.equals("IN_PROGRESS") ? "IN_PROGRESS" : "COMPLETED");
            if (status.equals("COMPLETED")) {
                node.putObject("operation").put("location", location);
            } else if (status.equals("FAILED")) {
                node.putObject("operation")
                        .putObject("failure-cause")
                        .put("class", "org.apache.flink.util.FlinkException")
                        .put(
                                "stack-trace",
                                "org.apache.flink.util.FlinkException: Stop with savepoint failed.\n\tat X\nCaused by: "
                                        + "org.apache.flink.runtime.checkpoint.CheckpointException: " + cause);
            }
            return node;
        }
    }

    private record Jar(String id, String name, Instant uploaded) {}

    private record Answer(int status, String body) {}
}
