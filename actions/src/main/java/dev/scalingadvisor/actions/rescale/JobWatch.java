package dev.scalingadvisor.actions.rescale;

import dev.scalingadvisor.actions.flink.ExecutionState;
import dev.scalingadvisor.actions.flink.FlinkRestClient;
import dev.scalingadvisor.actions.flink.FlinkRestException;
import dev.scalingadvisor.actions.flink.JobDetails;
import dev.scalingadvisor.actions.flink.JobException;
import dev.scalingadvisor.actions.flink.JobStatus;
import dev.scalingadvisor.actions.flink.JobVertex;
import dev.scalingadvisor.core.job.JobId;
import dev.scalingadvisor.core.job.VertexId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Watches a job through its rescale: until it runs every vertex at its target parallelism with every
 * subtask RUNNING (not just scheduled: a vertex waiting for slots is not running), and then through the
 * verify window, in which any restart counts against it.
 */
final class JobWatch {

    /** States the job enters when it restarts, whatever the scheduler (the adaptive one passes through CREATED). */
    private static final List<JobStatus> RESTART_STATES = List.of(
            JobStatus.RESTARTING, JobStatus.FAILING, JobStatus.CREATED, JobStatus.CANCELLING, JobStatus.SUSPENDED);

    private final FlinkRestClient client;
    private final Waiting waiting;

    JobWatch(FlinkRestClient client, Waiting waiting) {
        this.client = client;
        this.waiting = waiting;
    }

    /** The longest pause between two looks while waiting for the rescaled job to run (then every few seconds). */
    static final Duration RUNNING_LOOK_MAX = Duration.ofSeconds(8);

    /**
     * Waits until {@code job} runs at {@code target}. A job that ends (FAILED, CANCELED, FINISHED) stops the
     * wait at once. {@code observer} sees every answer, e.g. to time the in-place restart. Looks after
     * {@code interval}, then twice as long each time up to {@link #RUNNING_LOOK_MAX}: a resubmitted job runs within
     * seconds, the adaptive scheduler waits {@code scaling-interval.min} (30 s by default) before it acts, and when
     * the job ran is read from Flink's own subtask timestamps, not from when the advisor looked.
     */
    Running awaitRunning(
            JobId job,
            Map<VertexId, Integer> target,
            Duration timeout,
            Duration interval,
            Consumer<JobDetails> observer)
            throws InterruptedException {
        Instant deadline = waiting.now().plus(timeout);
        JobDetails[] last = new JobDetails[1];
        Waiting.Pacing pacing = Waiting.Pacing.doubling(interval, RUNNING_LOOK_MAX);
        Waiting.Result<Running> result = waiting.until(deadline, pacing, true, () -> {
            Optional<JobDetails> found = client.findJob(job);
            if (found.isEmpty()) {
                return Optional.of(new Running.NotReached("the cluster does not know job " + job));
            }
            JobDetails details = found.get();
            last[0] = details;
            observer.accept(details);
            // While Flink sets a submitted job up, it shows it INITIALIZING with a sparse graph and no vertices:
            // that is "not yet", not a different jar.
            if (details.state() == JobStatus.INITIALIZING || details.vertices().isEmpty()) {
                return Optional.empty();
            }
            Optional<String> missing = missingVertex(details, target);
            if (missing.isPresent()) {
                return Optional.of(new Running.NotReached(missing.get()));
            }
            if (details.state().isGloballyTerminal()) {
                return Optional.of(new Running.NotReached("the job is " + details.state() + failure(job)));
            }
            return runsAt(details, target)
                    ? Optional.of(new Running.Reached(details, waiting.now()))
                    : Optional.empty();
        });
        if (result instanceof Waiting.Result.Done<Running> done) {
            return done.value();
        }
        Waiting.Result.TimedOut<Running> timedOut = (Waiting.Result.TimedOut<Running>) result;
        if (timedOut.lastError().isPresent() && last[0] == null) {
            return new Running.Unobservable("could not ask Flink about job " + job + ": "
                    + timedOut.lastError().get().getMessage());
        }
        String state = last[0] == null ? "never seen" : describe(last[0], target);
        return new Running.NotReached(
                "not running at the target parallelism after " + seconds(timeout) + ": " + state + failure(job)
                        + timedOut.lastError()
                                .map(e -> "; last call failed: " + e.getMessage())
                                .orElse(""));
    }

    /**
     * Watches {@code job} for {@code window} after it reached its target: a restart (the job left RUNNING, or
     * Flink's timestamps show it restarted since {@code baseline}) or a change of parallelism fails it.
     *
     * <p>Flink keeps the time the job last entered each state, so a restart that recovered between two looks still
     * shows: the window need not be watched every {@code interval}. It looks after an eighth of the window, then
     * twice as long each time, and once at its end (4 looks for the default 2 minutes, instead of 120); a restart is
     * seen at most half a window late.
     */
    Verdict verify(JobId job, Map<VertexId, Integer> target, Duration window, Duration interval, JobDetails baseline)
            throws InterruptedException {
        if (window.isZero()) {
            return new Verdict.Stable();
        }
        Map<JobStatus, Instant> marks = restartMarks(baseline);
        Instant deadline = waiting.now().plus(window);
        Duration first = window.dividedBy(8).compareTo(interval) > 0 ? window.dividedBy(8) : interval;
        Waiting.Pacing pacing = Waiting.Pacing.doubling(first, window.dividedBy(2));
        Waiting.Result<Verdict> result = waiting.until(deadline, pacing, false, () -> {
            JobDetails details = client.job(job);
            if (!restartMarks(details).equals(marks)) {
                return Optional.of(new Verdict.Restarted(
                        "the job restarted during the verify window (now " + details.state() + ")" + failure(job)));
            }
            if (!runsAt(details, target)) {
                return Optional.of(new Verdict.Restarted("the job stopped running at the target parallelism: "
                        + describe(details, target) + failure(job)));
            }
            return Optional.empty();
        });
        if (result instanceof Waiting.Result.Done<Verdict> done) {
            return done.value();
        }
        Optional<FlinkRestException> lastError = ((Waiting.Result.TimedOut<Verdict>) result).lastError();
        return lastError
                .<Verdict>map(e -> new Verdict.Unobservable(
                        "could not watch job " + job + " to the end of the verify window: " + e.getMessage()))
                .orElseGet(Verdict.Stable::new);
    }

    /**
     * Waits until the job has ended (its slots are free); its final state, or empty if it did not end in time.
     * Asks the uncached status endpoint: a stopped job's end is on the critical path of the downtime.
     */
    Optional<JobStatus> awaitTerminal(JobId job, Duration timeout, Duration interval) throws InterruptedException {
        Waiting.Result<JobStatus> result = waiting.until(waiting.now().plus(timeout), interval, () -> {
            Optional<JobStatus> state = client.jobStatus(job);
            // A job the cluster no longer knows has long ended.
            return state.isEmpty() ? Optional.of(JobStatus.FINISHED) : state.filter(JobStatus::isGloballyTerminal);
        });
        return result instanceof Waiting.Result.Done<JobStatus> done ? Optional.of(done.value()) : Optional.empty();
    }

    /**
     * When Flink had every subtask of the job RUNNING (the latest subtask's RUNNING time), on the advisor's clock:
     * Flink's timestamps shifted by the difference between its clock and ours at {@code observedAt}. Empty when
     * Flink does not say (best effort: it refines a timing, nothing depends on it).
     */
    Optional<Instant> allRunningSince(JobDetails details, Instant observedAt) {
        try {
            Instant latest = null;
            for (JobVertex vertex : details.vertices()) {
                for (Map<ExecutionState, Instant> subtask : client.subtaskTimes(details.id(), vertex.id())) {
                    Instant running = subtask.get(ExecutionState.RUNNING);
                    if (running == null) {
                        return Optional.empty();
                    }
                    latest = latest == null || running.isAfter(latest) ? running : latest;
                }
            }
            return Optional.ofNullable(latest)
                    .map(t -> onOurClock(t, details, observedAt))
                    .filter(t -> !t.isAfter(observedAt));
        } catch (FlinkRestException e) {
            return Optional.empty();
        }
    }

    /**
     * When the restart after {@code notBefore} began, on our clock: the earliest of the times the job last entered
     * RESTARTING, CANCELLING or CREATED (the adaptive scheduler cancels the tasks, then builds the new execution
     * graph) that lies after {@code notBefore}; older ones belong to earlier restarts.
     */
    static Optional<Instant> restartBegan(JobDetails details, Instant observedAt, Instant notBefore) {
        return java.util.stream.Stream.of(JobStatus.RESTARTING, JobStatus.CANCELLING, JobStatus.CREATED)
                .map(details::lastEntered)
                .flatMap(Optional::stream)
                .map(t -> onOurClock(t, details, observedAt))
                .filter(t -> !t.isBefore(notBefore))
                .min(Instant::compareTo);
    }

    private static Instant onOurClock(Instant flinkTime, JobDetails details, Instant observedAt) {
        return flinkTime.plus(Duration.between(details.now(), observedAt));
    }

    static boolean runsAt(JobDetails details, Map<VertexId, Integer> target) {
        if (!details.isFullyRunning()) {
            return false;
        }
        for (Map.Entry<VertexId, Integer> entry : target.entrySet()) {
            Optional<JobVertex> vertex = details.vertex(entry.getKey());
            if (vertex.isEmpty() || vertex.get().parallelism() != entry.getValue()) {
                return false;
            }
        }
        return true;
    }

    private static Optional<String> missingVertex(JobDetails details, Map<VertexId, Integer> target) {
        for (VertexId vertex : target.keySet()) {
            if (details.vertex(vertex).isEmpty()) {
                return Optional.of("job " + details.id() + " has no vertex " + vertex
                        + " (was it submitted from a different jar?)");
            }
        }
        return Optional.empty();
    }

    private static Map<JobStatus, Instant> restartMarks(JobDetails details) {
        Map<JobStatus, Instant> marks = new EnumMap<>(JobStatus.class);
        for (JobStatus state : RESTART_STATES) {
            details.lastEntered(state).ifPresent(at -> marks.put(state, at));
        }
        return marks;
    }

    /** {@code RUNNING; count-per-key at 1 of 2 (0 RUNNING, 2 SCHEDULED)} */
    static String describe(JobDetails details, Map<VertexId, Integer> target) {
        List<String> parts = new ArrayList<>();
        for (JobVertex vertex : details.vertices()) {
            int wanted = target.getOrDefault(vertex.id(), vertex.parallelism());
            if (vertex.parallelism() != wanted || !vertex.allTasksRunning()) {
                parts.add(vertex.name() + " at " + vertex.parallelism() + " of " + wanted + " ("
                        + vertex.tasksIn(ExecutionState.RUNNING)
                        + " RUNNING"
                        + (vertex.tasksIn(ExecutionState.SCHEDULED) > 0
                                ? ", " + vertex.tasksIn(ExecutionState.SCHEDULED) + " SCHEDULED"
                                : "")
                        + (vertex.tasksIn(ExecutionState.CREATED) > 0
                                ? ", " + vertex.tasksIn(ExecutionState.CREATED) + " CREATED"
                                : "")
                        + ")");
            }
        }
        return details.state() + (parts.isEmpty() ? "" : "; " + String.join(", ", parts));
    }

    /** "; last failure: …" from the job's exception history, when Flink has one (best effort). */
    private String failure(JobId job) {
        try {
            return client.latestException(job)
                    .map(JobException::message)
                    .map(m -> "; last failure: " + m)
                    .orElse("");
        } catch (FlinkRestException e) {
            return "";
        }
    }

    private static String seconds(Duration duration) {
        return duration.toSeconds() + " s";
    }

    /** The end of {@link #awaitRunning}. */
    sealed interface Running {
        /** The job runs at its target; {@code details} is the answer that showed it (the verify window's baseline). */
        record Reached(JobDetails details, Instant at) implements Running {}

        /** The job ended, lacks a vertex, or did not reach its target in time. */
        record NotReached(String reason) implements Running {}

        /** Flink could not be asked. */
        record Unobservable(String reason) implements Running {}
    }

    /** The end of {@link #verify}. */
    sealed interface Verdict {
        /** No restart and no change of parallelism in the window. */
        record Stable() implements Verdict {}

        /** The job restarted or stopped running at its target. */
        record Restarted(String reason) implements Verdict {}

        /** Flink could not be asked to the end of the window. */
        record Unobservable(String reason) implements Verdict {}
    }
}
