package dev.scalingadvisor.testbed.e2e.loop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalingadvisor.testbed.e2e.DurationText;
import dev.scalingadvisor.testbed.e2e.advisor.AdvisorConfigFile;
import dev.scalingadvisor.testbed.e2e.advisor.AdvisorDecision;
import dev.scalingadvisor.testbed.e2e.advisor.AdvisorExtension;
import dev.scalingadvisor.testbed.e2e.advisor.AdvisorMode;
import dev.scalingadvisor.testbed.e2e.advisor.AdvisorProcess;
import dev.scalingadvisor.testbed.flink.FlinkClusterOptions;
import dev.scalingadvisor.testbed.flink.ScrapedFlinkExtension;
import dev.scalingadvisor.testbed.kafka.KafkaBrokerExtension;
import dev.scalingadvisor.testbed.loadjob.KafkaReading;
import dev.scalingadvisor.testbed.loadjob.LoadJob;
import dev.scalingadvisor.testbed.loadjob.LoadJobOptions;
import dev.scalingadvisor.testbed.loadjob.LoadJobState;
import dev.scalingadvisor.testbed.loadjob.Submission;
import dev.scalingadvisor.testbed.process.Waits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backlog-sized scale-ups on a real Kafka broker, the daemon as a process: an overload builds a real backlog,
 * the lag policy sizes the bottleneck to take the load and drain the backlog within catchUpDuration, one rescale
 * does it, and the job is scaled back down when the load is normal again. And the two Kafka cases that must not
 * scale: a large but flat backlog, and a source that already reads each partition with a subtask of its own (a
 * partition-bound finding instead). One Flink cluster, one broker and one Prometheus serve the three; the measured
 * catch-up times are in docs/BENCHMARKS.md.
 */
class KafkaBacklogIT {

    private static final Duration CATCH_UP = Duration.ofMinutes(2);
    private static final int OVERLOAD = LoadJobOptions.SATURATING_RATE;
    /**
     * The load after the surge: well below what the scale-down rule needs at the parallelism the lag policy chose.
     * At 800 records/s the sized parallelism 2 left each counter subtask 400/{@value LoadJobOptions#SUBTASK_CAPACITY}
     * of a second busy (about 214 ms/s), just above the demo pack's busy-low threshold of 200 ms/s, and the job
     * rightly stayed at 2; at 400 records/s a subtask is about 107 ms/s busy.
     */
    private static final int NORMAL = 400;

    private static final int FLAT_RATE = 1_000;
    /**
     * The partition-bound source's cap: a quarter of what the counter sustains at parallelism 1, so that the counter
     * stays far from being the bottleneck even when other builds take most of the machine.
     */
    private static final int BOUND_RATE = 500;
    /**
     * The counter's work per record in the two jobs that must not scale: a tenth of the default, so that it is far
     * from being their bottleneck even on a machine other builds starve (at a load average of 25 the default 500 µs
     * made the counter the busiest vertex at 500-1,000 records/s, and a real scale-up of it the right decision).
     */
    private static final long LIGHT_WORK_MICROS = 50;
    /** About 25 s of the surge's input: what the lag policy has to drain besides keeping up. */
    private static final long BACKLOG = 50_000;

    @RegisterExtension
    static KafkaBrokerExtension kafka = new KafkaBrokerExtension();

    @RegisterExtension
    static ScrapedFlinkExtension testbed = new ScrapedFlinkExtension(
            FlinkClusterOptions.defaults().withTaskManagers(1).withSlotsPerTaskManager(4));

    @RegisterExtension
    TestLoads loads = new TestLoads(testbed::cluster);

    @RegisterExtension
    AdvisorExtension advisors = new AdvisorExtension();

    @TempDir
    Path dir;

    @Test
    void aBacklogIsDrainedWithinTheCatchUpDurationAfterOneRescaleAndTheJobComesBackDownAtNormalLoad() {
        // Given a job offered a third more than its counter sustains, until a real backlog has built up
        LoadJob load = loads.startOnKafka(
                LoadJobOptions.defaults().withJobName("e2e_backlog"), kafka.broker(), 4, 2, 1, OVERLOAD);
        String name = load.options().jobName();
        Await.until(
                Duration.ofMinutes(3),
                "a backlog of " + BACKLOG + " records in " + name,
                () -> Optional.of(load.readState()).filter(state -> state.unprocessed() >= BACKLOG));
        System.out.printf(
                "[kafka-backlog] backlog before the advisor starts: %d records (load average %s)%n",
                load.readState().unprocessed(), loadAverage());

        // When the advisor (act mode, lag policy) looks at it, the backlog sampled every second from then on
        BacklogSamples samples = BacklogSamples.start(load);
        AdvisorProcess advisor = advisors.start(lagPolicy(load));
        AdvisorDecision up = History.await(advisor, name, "rescale-succeeded", Duration.ofMinutes(3));
        AdvisorDecision decision = History.of(advisor, name).stream()
                .filter(d -> d.kind().equals("decision"))
                .findFirst()
                .orElseThrow();
        System.out.printf("[kafka-backlog] %s: %s%n", up.parallelismChange().orElse("?"), up.summary());
        System.out.println("[kafka-backlog] decision: " + decision.details().toPrettyString());
        assertThat(decision.details().path("explanation").toString()).contains("lag policy");

        // Then the backlog drains (the target is catchUpDuration after the decision; measured on a quiet machine)
        Instant drained = Await.until(
                CATCH_UP.multipliedBy(2),
                name + " caught up",
                () -> Optional.of(load.readState())
                        .filter(state -> state.unprocessed() < 2 * OVERLOAD)
                        .map(state -> Instant.now()));
        samples.close();
        Duration drain = Duration.between(decision.at(), drained);
        List<AdvisorDecision> scaleUps = History.of(advisor, name).stream()
                .filter(d -> d.kind().equals("decision"))
                .filter(d -> d.direction().orElse("").equals("up"))
                .toList();
        System.out.printf(
                "[kafka-backlog] caught up %d s after the decision (target %d s), %d scale-up(s); load average %s%n",
                drain.toSeconds(), CATCH_UP.toSeconds(), scaleUps.size(), loadAverage());
        System.out.println("[kafka-backlog] history: " + History.kinds(advisor, name));
        // And no scale-up while the backlog was clearly draining in time (scaleUpCooldown 1m is shorter than a drain
        // may take, and the backpressured source's rule keeps firing until the backlog is gone): a later scale-up is
        // right only when the job, short of the capacity it was sized for (a busy machine), fell behind its target
        for (AdvisorDecision later : scaleUps.subList(1, scaleUps.size())) {
            OptionalDouble secondsToDrain = samples.secondsToDrain(later.at(), Duration.ofSeconds(30));
            System.out.printf(
                    "[kafka-backlog] another scale-up at %s: %s; the backlog would have drained in %s s at its pace%n",
                    later.at(),
                    later.summary(),
                    secondsToDrain.isPresent() ? Math.round(secondsToDrain.getAsDouble()) : "-");
            assertThat(secondsToDrain.orElse(Double.POSITIVE_INFINITY))
                    .as("seconds to drain at the pace of the half minute before scale-up " + later.summary())
                    .isGreaterThan(CATCH_UP.toSeconds() / 2.0);
        }

        // And when the load is back to normal, the job is scaled down, its keyed state intact
        load.setRate(NORMAL);
        AdvisorDecision down = History.await(
                advisor,
                name,
                "rescale-succeeded",
                d -> d.direction().orElse("").equals("down"),
                Duration.ofMinutes(4));
        System.out.printf("[kafka-backlog] down %s%n", down.parallelismChange().orElse("?"));
        System.out.println("[kafka-backlog] history: " + History.kinds(advisor, name));
        LoadJobState state = loads.drain(load);
        assertThat(state.noStateLost()).as(state.toString()).isTrue();
    }

    @Test
    void aLargeButFlatLagIsNoReasonToScaleUp() {
        // Given a backlog built before the job runs, then a job whose source reads at most what is offered now
        LoadJob load = loads.createOnKafka(
                LoadJobOptions.defaults().withJobName("e2e_flat_lag").withWork(LIGHT_WORK_MICROS, 0.5),
                kafka.broker(),
                KafkaReading.of("e2e_flat_lag", 4, 2).withMaxReadRate(FLAT_RATE));
        String name = load.options().jobName();
        load.setRate(4 * FLAT_RATE);
        Waits.sleep(Duration.ofSeconds(20));
        load.setRate(FLAT_RATE);
        Instant submitted = Instant.now();
        load.submitAndAwaitRunning(testbed.cluster(), Submission.parallelism(1), Duration.ofMinutes(2));

        // When the advisor watches it until its lag rule reads the flat backlog, and for three times the rule's for:
        AdvisorProcess advisor = advisors.start(lagPolicy(load));
        Await.until(
                Duration.ofMinutes(3),
                "the lag rule of " + name + " reads the backlog",
                () -> History.ruleState(advisor, load.jobId(), "lag").filter(state -> !state.equals("unknown")));
        Waits.sleep(LoopConfig.RULE_FOR.multipliedBy(3));

        // Then the backlog is still there, not growing, and nothing was decided
        LoadJobState state = load.readState();
        System.out.printf(
                "[kafka-backlog] flat lag: backlog %d records, lag rule %s, history %s%n",
                state.unprocessed(),
                History.ruleState(advisor, load.jobId(), "lag").orElse("?"),
                History.kinds(advisor, name));
        // The series the lag rule reads, from the job's start: per source subtask, and the slope the rule would
        // see without its uptime guard (what made it fire once on this flat backlog)
        for (String promql : new String[] {
            "flink_taskmanager_job_task_operator_pendingRecords{job_name=\"e2e_flat_lag\"}",
            "sum(deriv(flink_taskmanager_job_task_operator_pendingRecords{job_name=\"e2e_flat_lag\"}[1m]))"
        }) {
            for (var series :
                    testbed.prometheus().queries().range(promql, submitted, Instant.now(), Duration.ofSeconds(5))) {
                System.out.println("[kafka-backlog] flat lag: " + promql + " subtask "
                        + series.labels().getOrDefault("subtask_index", "-") + ": " + series.samples());
            }
        }
        assertThat(state.unprocessed()).as("records behind").isGreaterThan(20 * FLAT_RATE);
        assertThat(History.ruleState(advisor, load.jobId(), "lag")).contains("inactive");
        assertThat(History.kinds(advisor, name))
                .as("the advisor's history of " + name)
                .isEmpty();
    }

    @Test
    void aSourceAlreadyReadingEachPartitionWithASubtaskGetsAPartitionBoundFindingAndNoRescale() {
        // Given a job whose source is its bottleneck (its reads capped at 500 records/s) and already runs a subtask
        // for each of its topic's 2 partitions, offered six times that: a backlog growing by 2,500 records/s
        LoadJob load = loads.createOnKafka(
                LoadJobOptions.defaults().withJobName("e2e_partition_bound").withWork(LIGHT_WORK_MICROS, 0.5),
                kafka.broker(),
                KafkaReading.of("e2e_partition_bound", 2, 2).withMaxReadRate(BOUND_RATE));
        String name = load.options().jobName();
        load.setRate(6 * BOUND_RATE);
        load.submitAndAwaitRunning(testbed.cluster(), Submission.parallelism(1), Duration.ofMinutes(2));

        // When the advisor (act mode, lag policy) watches it until its lag rule fires
        AdvisorProcess advisor = advisors.start(lagPolicy(load));
        AdvisorDecision finding = History.await(advisor, name, "finding", Duration.ofMinutes(5));
        System.out.printf(
                "[kafka-backlog] partition-bound: %s (rules: %s)%n",
                finding.summary(),
                History.evaluation(advisor, load.jobId())
                        .map(job -> job.path("rules").toString())
                        .orElse("?"));

        // Then the advisor says the topic needs partitions, not the job parallelism
        assertThat(finding.summary())
                .contains(LoadJob.SOURCE, "2 subtasks for the 2 partitions of " + name, "Add partitions");

        // And it rescales nothing, for longer than stabilization and for: together
        Instant holdUntil = Instant.now().plus(LoopConfig.STABILIZATION).plus(LoopConfig.RULE_FOR.multipliedBy(2));
        while (Instant.now().isBefore(holdUntil)) {
            assertThat(History.kinds(advisor, name))
                    .as("the advisor's history of " + name)
                    .containsExactly("finding");
            Waits.sleep(LoopConfig.INTERVAL);
        }
        assertThat(FlinkJobs.live(testbed.cluster().rest(), name))
                .extracting(FlinkJobs.Run::id)
                .containsExactly(load.jobId());
    }

    /** The advisor in act mode with the lag policy: catch up within {@link #CATCH_UP}. */
    private AdvisorConfigFile lagPolicy(LoadJob load) {
        return LoopConfig.of(AdvisorMode.ACT, testbed, load, dir)
                .withScaling("maxParallelism", 4)
                .withScaling("policy", Map.of("type", "lag", "catchUpDuration", DurationText.format(CATCH_UP)))
                .withScaling("scaleUpCooldown", Duration.ofMinutes(1))
                .withScaling("scaleDownCooldown", Duration.ofSeconds(30));
    }

    /** The job's backlog every second, from a thread of its own, to judge afterwards how fast it drained when. */
    private static final class BacklogSamples implements AutoCloseable {
        private final NavigableMap<Instant, Long> unprocessed = new ConcurrentSkipListMap<>();
        private final ScheduledExecutorService every = Executors.newSingleThreadScheduledExecutor();

        static BacklogSamples start(LoadJob load) {
            BacklogSamples samples = new BacklogSamples();
            samples.every.scheduleAtFixedRate(
                    () -> samples.unprocessed.put(
                            Instant.now(), load.readState().unprocessed()),
                    0,
                    1,
                    TimeUnit.SECONDS);
            return samples;
        }

        /** At the pace from {@code span} before {@code at} to {@code at}: seconds until the backlog is gone. */
        OptionalDouble secondsToDrain(Instant at, Duration span) {
            Map.Entry<Instant, Long> from = unprocessed.floorEntry(at.minus(span));
            Map.Entry<Instant, Long> to = unprocessed.floorEntry(at);
            if (from == null || to == null || !to.getKey().isAfter(from.getKey())) {
                return OptionalDouble.empty();
            }
            double pace = (from.getValue() - to.getValue())
                    / (Duration.between(from.getKey(), to.getKey()).toMillis() / 1000.0);
            return pace > 0 ? OptionalDouble.of(to.getValue() / pace) : OptionalDouble.of(Double.POSITIVE_INFINITY);
        }

        @Override
        public void close() {
            every.shutdownNow();
        }
    }

    /** The machine's 1-minute load average, for the measurements' context ("?" where /proc has none). */
    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }
}
