package dev.scalingadvisor.testbed.e2e.demo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scalingadvisor.testbed.flink.FlinkRest;
import dev.scalingadvisor.testbed.flink.JobVertex;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Follows one job, by name, through Flink's REST API as the advisor stops and resubmits it: which run is
 * current, whether all its tasks run, the parallelism of each vertex, and every rescale (or restart) with the
 * downtime Flink showed, measured independently of what the advisor reports.
 *
 * <p>Downtime here is the time from the first poll that found the job not fully running (every task RUNNING) to
 * the first poll that found it fully running again, so it is exact to within one poll interval. The demo prints
 * it as "not running": the advisor's own downtime (docs/rescale.md) starts earlier, at the stop request, because
 * from then on the sources wait for the savepoint and take in nothing new; under backpressure that wait is
 * most of it.
 */
final class JobWatcher implements AutoCloseable {

    private static final Set<String> TERMINAL = Set.of("FINISHED", "CANCELED", "FAILED");

    private final FlinkRest rest;
    private final String jobName;
    private final Duration pollEvery;
    private final LongSupplier nanoTime;
    private final Consumer<Rescale> onRescale;
    private final List<Rescale> rescales = new CopyOnWriteArrayList<>();
    private final RepeatingTask poller;
    private volatile JobSnapshot latest = JobSnapshot.NONE;
    private volatile Optional<String> lastError = Optional.empty();
    // Only the poller thread touches these.
    private JobSnapshot lastFullyRunning;
    private long downSinceNanos = -1;

    JobWatcher(FlinkRest rest, String jobName, Duration pollEvery, LongSupplier nanoTime, Consumer<Rescale> onRescale) {
        this.rest = rest;
        this.jobName = jobName;
        this.pollEvery = pollEvery;
        this.nanoTime = nanoTime;
        this.onRescale = onRescale;
        this.poller = new RepeatingTask("demo-job-watcher");
    }

    void start() {
        poller.withPauses(this::pollQuietly, pollEvery);
    }

    /** What the last successful poll saw. */
    JobSnapshot latest() {
        return latest;
    }

    /** Why the last poll failed, while polls fail (e.g. the JobManager is busy). */
    Optional<String> lastError() {
        return lastError;
    }

    /** Every parallelism change and restart seen so far, oldest first. */
    List<Rescale> rescales() {
        return List.copyOf(rescales);
    }

    boolean hasScaled(Direction direction) {
        return rescales.stream().anyMatch(r -> r.direction() == direction);
    }

    @Override
    public void close() {
        poller.close();
    }

    private void pollQuietly() {
        try {
            poll();
            lastError = Optional.empty();
        } catch (RuntimeException | AssertionError e) {
            lastError = Optional.of(String.valueOf(e.getMessage()));
        }
    }

    private void poll() {
        long now = nanoTime.getAsLong();
        JobSnapshot snapshot = snapshot(now);
        latest = snapshot;
        if (!snapshot.fullyRunning()) {
            if (downSinceNanos < 0 && lastFullyRunning != null) {
                downSinceNanos = now;
            }
            return;
        }
        JobSnapshot before = lastFullyRunning;
        lastFullyRunning = snapshot;
        if (before == null) {
            return;
        }
        boolean restarted = downSinceNanos >= 0;
        boolean changed = !before.parallelism().equals(snapshot.parallelism());
        if (restarted || changed) {
            Duration downtime = restarted ? Duration.ofNanos(now - downSinceNanos) : Duration.ZERO;
            Rescale rescale = new Rescale(
                    now,
                    before.jobId().orElse("?"),
                    snapshot.jobId().orElse("?"),
                    before.vertices(),
                    snapshot.vertices(),
                    downtime);
            rescales.add(rescale);
            onRescale.accept(rescale);
        }
        downSinceNanos = -1;
    }

    private JobSnapshot snapshot(long now) {
        JsonNode newest = null;
        for (JsonNode job : rest.get("/jobs/overview").path("jobs")) {
            if (jobName.equals(job.path("name").asText())
                    && !TERMINAL.contains(job.path("state").asText())
                    && (newest == null
                            || job.path("start-time").asLong()
                                    > newest.path("start-time").asLong())) {
                newest = job;
            }
        }
        if (newest == null) {
            return new JobSnapshot(now, Optional.empty(), "NOT RUNNING", false, List.of());
        }
        String jobId = newest.path("jid").asText();
        String state = newest.path("state").asText();
        JsonNode tasks = newest.path("tasks");
        boolean allTasksRunning = tasks.path("total").asInt() > 0
                && tasks.path("running").asInt() == tasks.path("total").asInt();
        List<JobVertex> vertices = rest.vertices(jobId);
        // The overview's task counts and the job's own vertices come from two requests: a run counts as fully
        // running only when both say so, or a resubmitted job could be compared before its vertices are known
        boolean verticesRunning = !vertices.isEmpty() && vertices.stream().allMatch(v -> "RUNNING".equals(v.status()));
        return new JobSnapshot(
                now,
                Optional.of(jobId),
                state,
                "RUNNING".equals(state) && allTasksRunning && verticesRunning,
                vertices);
    }

    /** Which way a rescale went, judged from the vertices' parallelism before and after. */
    enum Direction {
        UP,
        DOWN,
        MIXED,
        /** The job went down and came back at the same parallelism: a restart, a failover or a rollback. */
        NONE
    }

    /** One poll's view of the job: its current run, its state and its vertices. */
    record JobSnapshot(
            long atNanos, Optional<String> jobId, String state, boolean fullyRunning, List<JobVertex> vertices) {

        static final JobSnapshot NONE = new JobSnapshot(0, Optional.empty(), "NOT SUBMITTED", false, List.of());

        JobSnapshot {
            Objects.requireNonNull(jobId, "jobId");
            Objects.requireNonNull(state, "state");
            vertices = List.copyOf(vertices);
        }

        /** Parallelism by vertex id, in the REST API's (topological) order. */
        Map<String, Integer> parallelism() {
            Map<String, Integer> byId = new LinkedHashMap<>();
            vertices.forEach(v -> byId.put(v.id(), v.parallelism()));
            return byId;
        }

        /** The first vertex whose name contains {@code namePart}. */
        Optional<JobVertex> vertex(String namePart) {
            return vertices.stream().filter(v -> v.name().contains(namePart)).findFirst();
        }
    }

    /**
     * A change of the job seen in Flink: from one fully running run to the next, with what changed and how long
     * the job was not fully running in between.
     */
    record Rescale(
            long atNanos,
            String fromJobId,
            String toJobId,
            List<JobVertex> before,
            List<JobVertex> after,
            Duration downtime) {

        Rescale {
            before = List.copyOf(before);
            after = List.copyOf(after);
        }

        Direction direction() {
            boolean up = false;
            boolean down = false;
            for (JobVertex vertex : after) {
                Integer previous = previousParallelism(vertex);
                if (previous != null && vertex.parallelism() > previous) {
                    up = true;
                } else if (previous != null && vertex.parallelism() < previous) {
                    down = true;
                }
            }
            if (up && down) {
                return Direction.MIXED;
            }
            return up ? Direction.UP : down ? Direction.DOWN : Direction.NONE;
        }

        /** {@code count-per-key 1 → 2}, one entry per vertex that changed; {@code restarted} when none did. */
        String changes() {
            List<String> parts = new ArrayList<>();
            for (JobVertex vertex : after) {
                Integer previous = previousParallelism(vertex);
                if (previous != null && previous != vertex.parallelism()) {
                    parts.add(vertex.name() + " " + previous + " → " + vertex.parallelism());
                }
            }
            return parts.isEmpty() ? "restarted at the same parallelism" : String.join(", ", parts);
        }

        /**
         * The vertex's parallelism in the run before: found by its id, or by its name when the resubmitted job's
         * vertices have new ids (a job without operator uids, or with a different chaining); null if it is new.
         */
        private Integer previousParallelism(JobVertex vertex) {
            return before.stream()
                    .filter(v -> v.id().equals(vertex.id()))
                    .findFirst()
                    .or(() -> before.stream()
                            .filter(v -> v.name().equals(vertex.name()))
                            .findFirst())
                    .map(JobVertex::parallelism)
                    .orElse(null);
        }
    }
}
