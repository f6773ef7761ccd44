package dev.scalingadvisor.testbed.flink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The Flink REST calls the testbed itself makes (upload, run, stop-with-savepoint, job and vertex status);
 * the product's own Flink REST client is in the actions module.
 */
public final class FlinkRest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MediaType JSON_TYPE = MediaType.get("application/json");
    private static final OkHttpClient CLIENT = new OkHttpClient.Builder()
            .connectTimeout(Duration.ofSeconds(5))
            .readTimeout(Duration.ofSeconds(60))
            .build();

    private final String restUrl;

    public FlinkRest(String restUrl) {
        this.restUrl = restUrl;
    }

    public JsonNode get(String path) {
        return call(new Request.Builder().url(restUrl + path).get().build());
    }

    public JsonNode post(String path, Object body) {
        return call(new Request.Builder().url(restUrl + path).post(json(body)).build());
    }

    public JsonNode put(String path, Object body) {
        return call(new Request.Builder().url(restUrl + path).put(json(body)).build());
    }

    /** {@code PATCH /jobs/<id>?mode=cancel}: cancels the job without a savepoint. */
    public void cancel(String jobId) {
        call(new Request.Builder()
                .url(restUrl + "/jobs/" + jobId + "?mode=cancel")
                .patch(RequestBody.create(new byte[0], JSON_TYPE))
                .build());
    }

    /** {@code POST /jars/upload}; returns the jar id used by {@code /jars/<id>/run}. */
    public String uploadJar(Path jar) {
        RequestBody body = new MultipartBody.Builder()
                .setType(MultipartBody.FORM)
                .addFormDataPart(
                        "jarfile",
                        jar.getFileName().toString(),
                        RequestBody.create(jar.toFile(), MediaType.get("application/x-java-archive")))
                .build();
        JsonNode answer = call(
                new Request.Builder().url(restUrl + "/jars/upload").post(body).build());
        String filename = answer.path("filename").asText();
        return Path.of(filename).getFileName().toString();
    }

    /** The job's state, e.g. {@code RUNNING}, {@code FINISHED}. */
    public String jobState(String jobId) {
        return get("/jobs/" + jobId).path("state").asText();
    }

    /** The job's vertices in topological order, with their current parallelism. */
    public List<JobVertex> vertices(String jobId) {
        List<JobVertex> vertices = new ArrayList<>();
        for (JsonNode vertex : get("/jobs/" + jobId).path("vertices")) {
            vertices.add(new JobVertex(
                    vertex.path("id").asText(),
                    vertex.path("name").asText(),
                    vertex.path("parallelism").asInt(),
                    vertex.path("status").asText()));
        }
        return vertices;
    }

    /** The vertex whose name contains {@code namePart}; fails listing the vertices if there is none. */
    public JobVertex vertex(String jobId, String namePart) {
        List<JobVertex> vertices = vertices(jobId);
        return vertices.stream()
                .filter(v -> v.name().contains(namePart))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "job " + jobId + " has no vertex named like '" + namePart + "': " + vertices));
    }

    /** Waits until the job is RUNNING with every subtask of every vertex running (not just scheduled). */
    public void awaitAllTasksRunning(String jobId, Duration timeout) {
        await(timeout, "job " + jobId + " running with all tasks RUNNING", () -> {
            JsonNode job = get("/jobs/" + jobId);
            if (!"RUNNING".equals(job.path("state").asText())) {
                return false;
            }
            for (JsonNode vertex : job.path("vertices")) {
                int running = vertex.path("tasks").path("RUNNING").asInt();
                if (running != vertex.path("parallelism").asInt()) {
                    return false;
                }
            }
            return true;
        });
    }

    /** Waits until the job is in {@code state}. */
    public void awaitJobState(String jobId, String state, Duration timeout) {
        await(timeout, "job " + jobId + " in state " + state, () -> state.equals(jobState(jobId)));
    }

    /** {@code POST /jobs/<id>/stop} (stop-with-savepoint, no drain) and waits for the savepoint; returns its location. */
    public String stopWithSavepoint(String jobId, Duration timeout) {
        String requestId = post("/jobs/" + jobId + "/stop", Map.of("drain", false, "formatType", "CANONICAL"))
                .path("request-id")
                .asText();
        String[] location = new String[1];
        await(timeout, "savepoint of job " + jobId + " completed", () -> {
            JsonNode answer = get("/jobs/" + jobId + "/savepoints/" + requestId);
            if (!"COMPLETED".equals(answer.at("/status/id").asText())) {
                return false;
            }
            JsonNode operation = answer.path("operation");
            if (operation.has("failure-cause")) {
                throw new IllegalStateException(
                        "stop-with-savepoint of job " + jobId + " failed: " + operation.path("failure-cause"));
            }
            location[0] = operation.path("location").asText();
            return true;
        });
        awaitJobState(jobId, "FINISHED", timeout);
        return location[0];
    }

    /** Polls {@code condition} every 250 ms; on timeout fails naming what was awaited. */
    static void await(Duration timeout, String what, Condition condition) {
        Instant deadline = Instant.now().plus(timeout);
        RuntimeException last = null;
        while (Instant.now().isBefore(deadline)) {
            try {
                if (condition.holds()) {
                    return;
                }
                last = null;
            } catch (IllegalStateException | dev.scalingadvisor.testbed.process.ProcessStartException e) {
                // Not worth waiting for: a failed savepoint or a process that died.
                throw e;
            } catch (RuntimeException e) {
                last = e;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            }
        }
        throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what
                + (last == null ? "" : "; last error: " + last));
    }

    /** Something to wait for. */
    @FunctionalInterface
    interface Condition {
        boolean holds();
    }

    private JsonNode call(Request request) {
        try (Response response = CLIENT.newCall(request).execute()) {
            String body = response.body() == null ? "" : response.body().string();
            if (!response.isSuccessful()) {
                throw new FlinkRestException(
                        request.method() + " " + request.url() + " answered " + response.code() + ": " + body);
            }
            return body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.url() + " failed: " + e.getMessage(), e);
        }
    }

    private static RequestBody json(Object body) {
        try {
            return RequestBody.create(JSON.writeValueAsString(body), JSON_TYPE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Flink answered a REST call with an error status. */
    public static final class FlinkRestException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        FlinkRestException(String message) {
            super(message);
        }
    }
}
