package dev.scalingadvisor.testbed.e2e.demo;

import dev.scalingadvisor.testbed.e2e.DurationText;
import dev.scalingadvisor.testbed.e2e.advisor.AdvisorProcess;
import dev.scalingadvisor.testbed.loadjob.LoadJob;
import dev.scalingadvisor.testbed.loadjob.LoadJobState;
import dev.scalingadvisor.testbed.process.Jcmd;
import dev.scalingadvisor.testbed.process.Waits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * The soak: the demo's story (surge, scale-up, calm, scale-down) played again and again for hours on a real Flink
 * cluster and Prometheus, with the advisor in act mode notifying a webhook sink, while the advisor process is
 * sampled every minute: resident set size, heap used, the old generation after its last collection (what a leak
 * grows; every tenth minute that is a full collection the soak asks for), threads and open files. The samples go to {@code soak.csv}, an hourly summary to {@code soak-summary.txt}
 * in the run directory; docs/RELIABILITY.md records a run.
 *
 * <p>Usage: {@code java -cp testbed/e2e/target/scaling-advisor-demo.jar dev.scalingadvisor.testbed.e2e.demo.Soak
 * --run-dir DIR --duration 4h}. It exits 0 when every sample answered, the job's keyed state survived every rescale
 * and no job was left stopped.
 */
public final class Soak {

    private static final Duration SAMPLE_EVERY = Duration.ofMinutes(1);
    private static final Duration WATCH_EVERY = Duration.ofSeconds(1);
    /**
     * Every this many samples the advisor is asked for a full collection first: a generous heap is otherwise never
     * collected in full during a soak, and the old generation after a young collection says nothing about a leak.
     */
    private static final int FULL_COLLECTION_EVERY = 10;
    /** The demo's budget (4 an hour) would refuse most of the soak's rescales; refusals still happen past this. */
    private static final int RESCALES_PER_HOUR = 12;

    private final Scenario scenario;
    private final RunDirectory runDir;
    private final Duration duration;
    private final List<SoakSample> samples = new CopyOnWriteArrayList<>();
    private final AtomicInteger webhooks = new AtomicInteger();
    private final List<String> failures = new CopyOnWriteArrayList<>();

    private Soak(Scenario scenario, RunDirectory runDir, Duration duration) {
        this.scenario = scenario;
        this.runDir = runDir;
        this.duration = duration;
    }

    public static void main(String[] args) {
        if (args.length != 4 || !args[0].equals("--run-dir") || !args[2].equals("--duration")) {
            System.err.println("usage: java -cp scaling-advisor-demo.jar " + Soak.class.getName()
                    + " --run-dir DIR --duration 4h");
            System.exit(Demo.EXIT_USAGE);
        }
        Soak soak = new Soak(Scenario.load(), new RunDirectory(Path.of(args[1])), DurationText.parse(args[3]));
        System.exit(soak.run());
    }

    private int run() {
        DemoEnvironment env = new DemoEnvironment(scenario, runDir);
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "soak-sampler");
            thread.setDaemon(true);
            return thread;
        });
        JobWatcher watcher = null;
        Instant start = Instant.now();
        try {
            env.startFlink();
            env.startPrometheus();
            env.startWebhookSink(webhook -> webhooks.incrementAndGet());
            LoadJob load = env.startLoadJob();
            watcher = new JobWatcher(
                    env.cluster().rest(),
                    scenario.jobName(),
                    WATCH_EVERY,
                    System::nanoTime,
                    rescale -> say("rescaled " + rescale.direction() + ": " + rescale.changes() + ", not running "
                            + Demo.seconds(rescale.downtime())));
            watcher.start();
            AdvisorProcess advisor =
                    env.startAdvisor(config -> config.withRescale("maxPerJobPerHour", RESCALES_PER_HOUR));
            say("advisor pid " + advisor.pid() + " at " + advisor.baseUrl() + "; soaking for "
                    + DurationText.format(duration) + "; samples in " + csv());
            writeCsvHeader();
            JobWatcher watching = watcher;
            sampler.scheduleAtFixedRate(
                    () -> sample(advisor, start, watching), 0, SAMPLE_EVERY.toSeconds(), TimeUnit.SECONDS);
            Instant end = start.plus(duration);
            int round = 0;
            while (Instant.now().isBefore(end)) {
                round++;
                playRound(round, load, watcher, end);
            }
            sampler.shutdown();
            sampler.awaitTermination(1, TimeUnit.MINUTES);
            sample(advisor, start, watcher);
            load.setRate(0);
            LoadJobState state = load.awaitDrained(scenario.phases().drainTimeout());
            say(String.format(
                    Locale.ROOT,
                    "drained: %,d records produced, %,d counted; state intact: %s",
                    state.produced(),
                    state.sumOfKeyCounts(),
                    state.noStateLost()));
            if (!state.noStateLost()) {
                failures.add("keyed state lost: " + state);
            }
        } catch (RuntimeException | AssertionError e) {
            failures.add("the soak failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failures.add("interrupted");
        } finally {
            sampler.shutdownNow();
            if (watcher != null) {
                watcher.close();
            }
            failures.addAll(env.closeAll());
        }
        String summary = SoakSample.summary(samples, Duration.ofHours(1)) + "\nwebhooks received: " + webhooks.get()
                + "\nproblems: " + (failures.isEmpty() ? "none" : String.join("; ", failures)) + "\n";
        System.out.print(summary);
        try {
            Files.writeString(runDir.root().resolve("soak-summary.txt"), summary);
        } catch (IOException e) {
            System.err.println("could not write the summary: " + e.getMessage());
        }
        return failures.isEmpty() ? Demo.EXIT_PASSED : Demo.EXIT_NOT_SHOWN;
    }

    /** Surge until a scale-up, settle, calm until a scale-down, then a little longer; each wait bounded. */
    private void playRound(int round, LoadJob load, JobWatcher watcher, Instant end) {
        Scenario.Phases phases = scenario.phases();
        long ups = count(watcher, JobWatcher.Direction.UP);
        long downs = count(watcher, JobWatcher.Direction.DOWN);
        say("round " + round + ": surge");
        load.setRate(scenario.surgeRate());
        boolean up = await(() -> count(watcher, JobWatcher.Direction.UP) > ups, phases.surgeTimeout(), end);
        if (up) {
            Instant settled = Instant.now().plus(phases.settleMin());
            await(
                    () -> Instant.now().isAfter(settled) && load.readState().unprocessed() < phases.settleLag(),
                    phases.settleMax(),
                    end);
        }
        say("round " + round + ": calm");
        load.setRate(scenario.calmRate());
        await(() -> count(watcher, JobWatcher.Direction.DOWN) > downs, phases.calmTimeout(), end);
        Waits.sleep(phases.afterScaleDown());
        load.setRate(scenario.baselineRate());
        Waits.sleep(phases.baseline());
    }

    private void sample(AdvisorProcess advisor, Instant start, JobWatcher watcher) {
        try {
            if (samples.size() % FULL_COLLECTION_EVERY == 0) {
                Jcmd.collectGarbage(advisor.pid());
            }
            SoakSample sample = SoakSample.take(
                    advisor,
                    Duration.between(start, Instant.now()),
                    count(watcher, JobWatcher.Direction.UP),
                    count(watcher, JobWatcher.Direction.DOWN),
                    webhooks.get());
            samples.add(sample);
            Files.writeString(csv(), sample.csvLine() + "\n", StandardOpenOption.APPEND);
        } catch (RuntimeException | IOException e) {
            failures.add("sample at " + Instant.now() + " failed: " + e.getMessage());
            say("sample failed: " + e.getMessage());
        }
    }

    private void writeCsvHeader() {
        try {
            Files.writeString(csv(), SoakSample.CSV_HEADER + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path csv() {
        return runDir.root().resolve("soak.csv");
    }

    private static long count(JobWatcher watcher, JobWatcher.Direction direction) {
        return watcher.rescales().stream()
                .filter(r -> r.direction() == direction)
                .count();
    }

    private static boolean await(BooleanSupplier condition, Duration timeout, Instant end) {
        Instant deadline = Stream.of(Instant.now().plus(timeout), end)
                .min(Instant::compareTo)
                .orElseThrow();
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                return false;
            }
            Waits.sleep(Duration.ofSeconds(1));
        }
        return true;
    }

    private static void say(String line) {
        System.out.println(Instant.now() + " soak: " + line);
    }
}
