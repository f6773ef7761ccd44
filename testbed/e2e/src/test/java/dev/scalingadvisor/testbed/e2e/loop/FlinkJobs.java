package dev.scalingadvisor.testbed.e2e.loop;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scalingadvisor.testbed.flink.FlinkCluster;
import dev.scalingadvisor.testbed.flink.FlinkRest;
import dev.scalingadvisor.testbed.loadjob.LoadJob;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the end-to-end tests ask Flink directly, past the advisor: which run of a job (by name) is running, at
 * which parallelism, and cleaning up every job a test leaves, including the runs the advisor submitted.
 */
final class FlinkJobs {

    private static final Set<String> ENDED = Set.of("FINISHED", "CANCELED", "FAILED");

    private FlinkJobs() {}

    /** One run of a job as {@code GET /jobs/overview} lists it. */
    record Run(String id, String name, String state) {
        boolean ended() {
            return ENDED.contains(state);
        }
    }

    static List<Run> runs(FlinkRest rest) {
        List<Run> runs = new ArrayList<>();
        for (JsonNode job : rest.get("/jobs/overview").path("jobs")) {
            runs.add(new Run(
                    job.path("jid").asText(),
                    job.path("name").asText(),
                    job.path("state").asText()));
        }
        return runs;
    }

    /** The runs of the named job that have not ended (RUNNING, but also CREATED, RESTARTING, …). */
    static List<Run> live(FlinkRest rest, String name) {
        return runs(rest).stream()
                .filter(r -> r.name().equals(name) && !r.ended())
                .toList();
    }

    /** The id of the run of the named job that is RUNNING, if exactly one is. */
    static Optional<String> running(FlinkRest rest, String name) {
        List<Run> running = runs(rest).stream()
                .filter(r -> r.name().equals(name) && r.state().equals("RUNNING"))
                .toList();
        return running.size() == 1 ? Optional.of(running.get(0).id()) : Optional.empty();
    }

    /** The parallelism of the load job's heavy operator, the one the advisor scales. */
    static int heavyParallelism(FlinkRest rest, String jobId) {
        return rest.vertex(jobId, LoadJob.HEAVY_OPERATOR).parallelism();
    }

    /** Waits until the named job runs with every task RUNNING at {@code parallelism}; returns its id. */
    static String awaitRunningAt(FlinkCluster cluster, String name, int parallelism, Duration timeout) {
        String id = Await.until(
                timeout,
                name + " RUNNING with " + LoadJob.HEAVY_OPERATOR + " at parallelism " + parallelism,
                () -> running(cluster.rest(), name)
                        .filter(run -> heavyParallelism(cluster.rest(), run) == parallelism));
        cluster.rest().awaitAllTasksRunning(id, timeout);
        return id;
    }

    /** Cancels every job that has not ended and waits until all have, so the next test finds every slot free. */
    static void cancelAll(FlinkCluster cluster) {
        FlinkRest rest = cluster.rest();
        for (Run run : runs(rest)) {
            if (!run.ended()) {
                try {
                    rest.cancel(run.id());
                } catch (RuntimeException e) {
                    // It may have ended meanwhile; the wait below says if it did not.
                }
            }
        }
        Await.until(
                Duration.ofSeconds(60),
                "every job on " + cluster + " ended",
                () -> runs(rest).stream().allMatch(Run::ended));
    }
}
