package dev.scalingadvisor.testbed.e2e.demo;

import dev.scalingadvisor.testbed.e2e.DurationText;
import dev.scalingadvisor.testbed.e2e.advisor.AdvisorProcess;
import dev.scalingadvisor.testbed.e2e.webhook.NotificationLine;
import dev.scalingadvisor.testbed.flink.FlinkCluster;
import dev.scalingadvisor.testbed.flink.JobVertex;
import dev.scalingadvisor.testbed.flink.TestbedBuild;
import dev.scalingadvisor.testbed.kafka.KafkaBroker;
import dev.scalingadvisor.testbed.loadjob.LoadJob;
import dev.scalingadvisor.testbed.loadjob.LoadJobState;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import sun.misc.Signal;

/**
 * The one-command demo ({@code ./demo}): a real Flink cluster, Prometheus and the advisor in act mode on
 * 127.0.0.1 (and with {@code --kafka} a Kafka broker the job reads from); a load job is backpressured by a surge and
 * falls behind, the advisor notices, explains and rescales it with its state intact, the backlog drains, and the
 * advisor scales the job back down when the load goes away. Prints a compact timeline as it happens and a summary
 * at the end (also on Ctrl-C), stops everything it started, and exits 0 only if it showed a scale-up, a
 * scale-down and the state check passed.
 *
 * <p>Usage: {@code java -jar scaling-advisor-demo.jar --run-dir DIR [--kafka]}; the script {@code ./demo} builds
 * what is missing, makes sure Prometheus is installed and picks the run dir. Without {@code --kafka} the job's
 * source generates the offered load inside the job; with it, the load is produced into a topic on a real KRaft
 * broker that the job reads with Flink's KafkaSource (a longer start: the broker, and the job's first fetches).
 */
public final class Demo {

    static final int EXIT_PASSED = 0;
    static final int EXIT_NOT_SHOWN = 1;
    static final int EXIT_USAGE = 2;
    static final int EXIT_INTERRUPTED = 130;
    private static final Duration WATCH_EVERY = Duration.ofMillis(500);
    private static final Duration FEED_EVERY = Duration.ofSeconds(2);

    private static final String USAGE =
            "usage: java -jar scaling-advisor-demo.jar --run-dir DIR [--kafka]   (./demo passes --kafka unless given --without-kafka)";

    private final Scenario scenario;
    private final boolean onKafka;
    private final RunDirectory runDir;
    private final DemoConsole console;
    private final Thread mainThread;
    private final DemoRecord record = new DemoRecord();
    // Started by startEverything, stopped by stopEverything; null until started.
    private JobWatcher watcher;
    private Timeline timeline;
    private DecisionFeed feed;
    private volatile boolean stopRequested;
    /** Only the scenario's waits are interrupted; starting a server is left to finish, so it is stopped cleanly. */
    private volatile boolean interruptible;

    private volatile int signalsReceived;

    private Demo(Scenario scenario, boolean onKafka, RunDirectory runDir, DemoConsole console, Thread mainThread) {
        this.scenario = scenario;
        this.onKafka = onKafka;
        this.runDir = runDir;
        this.console = console;
        this.mainThread = mainThread;
    }

    public static void main(String[] args) {
        boolean kafka = args.length == 3 && args[2].equals("--kafka");
        if (!(args.length == 2 || kafka) || !args[0].equals("--run-dir")) {
            System.err.println(USAGE);
            System.exit(EXIT_USAGE);
        }
        RunDirectory runDir = new RunDirectory(Path.of(args[1]));
        int exitCode;
        try (DemoConsole console = new DemoConsole(System.out, runDir.transcript(), System::nanoTime)) {
            Demo demo = new Demo(Scenario.load(), kafka, runDir, console, Thread.currentThread());
            demo.handleSignals();
            exitCode = demo.run();
        }
        System.exit(exitCode);
    }

    /** Ctrl-C (SIGINT, when the terminal delivers it) and SIGTERM end the demo early, cleanly, with a summary. */
    private void handleSignals() {
        for (String name : List.of("INT", "TERM")) {
            // A signal the shell started us with ignored (background jobs ignore SIGINT) stays ignored.
            Signal.handle(new Signal(name), signal -> requestStop("SIG" + signal.getName()));
        }
    }

    private synchronized void requestStop(String why) {
        int count = ++signalsReceived;
        if (count == 1) {
            stopRequested = true;
            console.event(
                    "DEMO",
                    "stop requested (" + why + ", e.g. Ctrl-C): stopping everything the demo started"
                            + (interruptible ? "" : " once the current step is done"));
            if (interruptible) {
                mainThread.interrupt();
            }
        } else if (count == 2) {
            console.event(
                    "DEMO",
                    why
                            + " again: still stopping; once more to leave at once (the testbed's watchdogs then stop the rest)");
        } else {
            Runtime.getRuntime().halt(EXIT_INTERRUPTED);
        }
    }

    private int run() {
        DemoEnvironment env = new DemoEnvironment(scenario, runDir);
        try {
            LoadJob load = startEverything(env);
            startInterruptibleScenario();
            playScenario(load);
            record.stateCheck(drainAndCheck(load));
        } catch (RuntimeException | AssertionError e) {
            if (!stopRequested) {
                record.failed(e);
                console.event("DEMO", "the demo failed: " + e.getMessage());
            }
        } finally {
            synchronized (this) {
                interruptible = false;
                Thread.interrupted();
            }
            stopEverything(env);
        }
        record.leftovers(LeftoverProcesses.await(Duration.ofSeconds(10)));
        DemoSummary summary = new DemoSummary(record, stopRequested, runDir);
        summary.print(console);
        return stopRequested ? EXIT_INTERRUPTED : summary.passed() ? EXIT_PASSED : EXIT_NOT_SHOWN;
    }

    /** Flink, Prometheus, the sink, Kafka, the load job and the advisor, then the watchers that print the timeline. */
    private LoadJob startEverything(DemoEnvironment env) {
        Instant startedAt = Instant.now();
        console.heading("Flink Scaling Advisor demo");
        console.event("DEMO", "run directory " + runDir.root() + " (every log is kept in " + runDir.logs() + ")");
        console.event(
                "DEMO",
                "starting Flink " + TestbedBuild.flinkVersion() + ": a JobManager and " + scenario.taskManagers()
                        + " TaskManagers with " + scenario.slotsPerTaskManager() + " slots each, on 127.0.0.1");
        FlinkCluster cluster = env.startFlink();
        console.event("DEMO", "Flink is up: web UI " + cluster.webUrl());
        checkStop();
        env.startPrometheus();
        console.event(
                "DEMO",
                "Prometheus is up: " + env.prometheus().baseUrl() + " (scraping Flink every "
                        + DurationText.format(scenario.scrapeInterval()) + ")");
        env.startWebhookSink(webhook -> console.event("WEBHOOK", NotificationLine.format(webhook)));
        console.event("DEMO", "webhook sink listening on " + env.sink().url() + " (checks every signature)");
        checkStop();
        if (onKafka) {
            console.event("DEMO", "starting a Kafka broker (KRaft, one node) on 127.0.0.1");
            KafkaBroker kafka = env.startKafka();
            console.event(
                    "DEMO",
                    "Kafka is up: " + kafka.bootstrapServers() + "; topic " + scenario.jobName() + " with "
                            + scenario.kafka().partitions() + " partitions, read by "
                            + scenario.kafka().sourceParallelism() + " source subtasks");
            checkStop();
        }
        console.event(
                "DEMO",
                "submitting the load job " + scenario.jobName() + " at parallelism " + scenario.initialParallelism()
                        + ", " + rate(scenario.baselineRate()) + " records/s "
                        + (onKafka ? "produced into its topic" : "generated by its source"));
        LoadJob load = env.startLoadJob();
        watcher = new JobWatcher(cluster.rest(), scenario.jobName(), WATCH_EVERY, System::nanoTime, rescale -> {
            record.rescaleSeen(rescale, console.elapsed());
            console.event("FLINK", describe(rescale));
        });
        watcher.start();
        checkStop();
        AdvisorProcess advisor = env.startAdvisor();
        console.event(
                "DEMO", "advisor started in act mode: " + advisor.baseUrl() + " (config " + advisor.configFile() + ")");
        feed = new DecisionFeed(advisor, startedAt, console, FEED_EVERY);
        feed.start();
        console.event(
                "DEMO",
                "parallelism column = "
                        + cluster.rest().vertices(load.jobId()).stream()
                                .map(JobVertex::name)
                                .collect(Collectors.joining(" / ")));
        timeline = new Timeline(console, load, watcher, env.prometheus().queries(), scenario.timelineEvery());
        timeline.start();
        return load;
    }

    /** Stops the printers, collects what the summary needs while the servers still answer, then stops the servers. */
    private void stopEverything(DemoEnvironment env) {
        stopQuietly(timeline);
        if (feed != null) {
            feed.pollOnce();
            record.decisions(feed.entries());
        }
        stopQuietly(feed);
        stopQuietly(watcher);
        env.advisorIfStarted()
                .filter(AdvisorProcess::isRunning)
                .ifPresent(advisor -> record.advisorReadiness(readiness(advisor)));
        env.sinkIfStarted().ifPresent(sink -> record.webhooks(sink.received()));
        console.heading("Stopping");
        console.event("DEMO", "stopping the advisor, the job, Prometheus and Flink");
        List<String> problems = env.closeAll();
        problems.forEach(problem -> console.event("DEMO", problem));
        record.cleanupProblems(problems);
    }

    private synchronized void startInterruptibleScenario() {
        checkStop();
        interruptible = true;
    }

    private void checkStop() {
        if (stopRequested) {
            throw new IllegalStateException("stopped on request");
        }
    }

    /** Baseline → surge until the scale-up → settle → calm until the scale-down → a little longer. */
    private void playScenario(LoadJob load) {
        Scenario.Phases phases = scenario.phases();
        Instant budgetEnd = Instant.now().plus(phases.loadBudget());

        phase("baseline", load, scenario.baselineRate());
        pause(phases.baseline());

        phase("surge", load, scenario.surgeRate());
        boolean scaledUp = await(() -> watcher.hasScaled(JobWatcher.Direction.UP), phases.surgeTimeout(), budgetEnd);
        if (scaledUp) {
            Instant settleStart = Instant.now();
            long backlogAtScaleUp = load.readState().unprocessed();
            console.event(
                    "DEMO",
                    "scaled up with a backlog of " + rate(backlogAtScaleUp) + " records; keeping the surge until it"
                            + " is below " + rate(phases.settleLag()) + " (at least "
                            + DurationText.format(phases.settleMin()) + ")");
            AtomicLong peak = new AtomicLong(backlogAtScaleUp);
            AtomicReference<Instant> caughtUp = new AtomicReference<>();
            boolean settled = await(
                    () -> {
                        long backlog = load.readState().unprocessed();
                        peak.accumulateAndGet(backlog, Math::max);
                        if (backlog < phases.settleLag() && caughtUp.get() == null) {
                            caughtUp.set(Instant.now());
                        }
                        return Duration.between(settleStart, Instant.now()).compareTo(phases.settleMin()) >= 0
                                && backlog < phases.settleLag();
                    },
                    phases.settleMax(),
                    budgetEnd);
            console.event(
                    "DEMO",
                    caughtUp.get() == null
                            ? "the backlog is still " + rate(load.readState().unprocessed()) + " records "
                                    + seconds(Duration.between(settleStart, Instant.now())) + " after the scale-up"
                            : "caught up: the backlog peaked at " + rate(peak.get()) + " records and was below "
                                    + rate(phases.settleLag()) + " "
                                    + seconds(Duration.between(settleStart, caughtUp.get()))
                                    + " after the scale-up" + (settled ? "" : " (then grew again)"));
        } else {
            console.event("DEMO", "no scale-up within " + DurationText.format(phases.surgeTimeout()) + " of the surge");
        }

        phase("calm", load, scenario.calmRate());
        if (scaledUp) {
            boolean scaledDown =
                    await(() -> watcher.hasScaled(JobWatcher.Direction.DOWN), phases.calmTimeout(), budgetEnd);
            if (scaledDown) {
                pause(phases.afterScaleDown());
                awaitAdvisorRecord("down", phases.advisorRecord());
            } else {
                console.event(
                        "DEMO", "no scale-down within " + DurationText.format(phases.calmTimeout()) + " of the calm");
            }
        } else {
            pause(phases.withoutScaleUp());
        }
    }

    private DemoRecord.StateCheck drainAndCheck(LoadJob load) {
        double before = load.control().rate();
        load.setRate(0);
        console.event(
                "DEMO",
                "drain: offered load " + rate(before)
                        + " → 0; waiting until every record is counted, then checking the state");
        try {
            LoadJobState state = load.awaitDrained(scenario.phases().drainTimeout());
            console.event(
                    "DEMO",
                    "drained: "
                            + String.format(
                                    Locale.ROOT,
                                    "%,d records produced, %,d counted in keyed state",
                                    state.produced(),
                                    state.sumOfKeyCounts()));
            return DemoRecord.StateCheck.of(state);
        } catch (AssertionError e) {
            return DemoRecord.StateCheck.notRun(e.getMessage());
        }
    }

    private static String readiness(AdvisorProcess advisor) {
        AdvisorProcess.HttpAnswer answer;
        try {
            answer = advisor.get("/readyz");
        } catch (RuntimeException e) {
            return "NOT answering at the end: " + e.getMessage();
        }
        return answer.status() == 200
                ? "ready at the end (/readyz 200)"
                : "NOT ready at the end: /readyz " + answer.status() + " "
                        + answer.body().strip();
    }

    private void phase(String name, LoadJob load, double rate) {
        double before = load.control().rate();
        load.setRate(rate);
        record.phaseStarted(name, console.elapsed());
        console.event(
                "DEMO",
                name + ": offered load " + (before == rate ? "" : rate(before) + " → ") + rate(rate) + " records/s");
    }

    /**
     * The advisor journals a rescale as succeeded only after its verify window; give it that long, so that the
     * summary does not miss an entry that is about to be written.
     */
    private void awaitAdvisorRecord(String direction, Duration timeout) {
        BooleanSupplier recorded = () -> feed.entries().stream()
                .anyMatch(d -> d.isRescaleSucceeded()
                        && d.direction().map(direction::equals).orElse(false));
        if (!recorded.getAsBoolean()) {
            console.event(
                    "DEMO",
                    "waiting up to " + DurationText.format(timeout) + " for the advisor to record the scale-"
                            + direction + " as succeeded");
            await(recorded, timeout, Instant.now().plus(timeout));
        }
    }

    /** Waits until {@code condition} holds, {@code timeout} passed or the load budget is spent; false unless it held. */
    private boolean await(BooleanSupplier condition, Duration timeout, Instant budgetEnd) {
        Instant deadline = Instant.now().plus(timeout);
        if (deadline.isAfter(budgetEnd)) {
            deadline = budgetEnd;
        }
        while (true) {
            if (condition.getAsBoolean()) {
                return true;
            }
            if (!Instant.now().isBefore(deadline)) {
                return false;
            }
            pause(Duration.ofMillis(500));
        }
    }

    private void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private String describe(JobWatcher.Rescale rescale) {
        String kind = switch (rescale.direction()) {
            case UP -> "scaled up: ";
            case DOWN -> "scaled down: ";
            case MIXED -> "rescaled: ";
            case NONE -> "job went down and came back: ";
        };
        return kind + rescale.changes() + ", not running " + seconds(rescale.downtime()) + " (job "
                + shortId(rescale.fromJobId())
                + (rescale.fromJobId().equals(rescale.toJobId()) ? "" : " → " + shortId(rescale.toJobId())) + ")";
    }

    static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }

    static String rate(double recordsPerSecond) {
        return String.format(Locale.ROOT, "%,d", Math.round(recordsPerSecond));
    }

    private static String shortId(String jobId) {
        return jobId.length() > 8 ? jobId.substring(0, 8) : jobId;
    }

    private static void stopQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            // A helper thread that does not stop is a daemon thread; the JVM exits regardless.
        }
    }
}
