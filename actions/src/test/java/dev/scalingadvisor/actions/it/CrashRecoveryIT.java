package dev.scalingadvisor.actions.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalingadvisor.actions.fake.TestDatabase;
import dev.scalingadvisor.actions.flink.JobStatus;
import dev.scalingadvisor.actions.flink.JobSummary;
import dev.scalingadvisor.actions.rescale.JournalEntry;
import dev.scalingadvisor.actions.rescale.OperationState;
import dev.scalingadvisor.actions.rescale.RescaleJournal;
import dev.scalingadvisor.core.job.JobId;
import dev.scalingadvisor.testbed.flink.FlinkClusterExtension;
import dev.scalingadvisor.testbed.flink.FlinkClusterOptions;
import dev.scalingadvisor.testbed.loadjob.LoadJobOptions;
import dev.scalingadvisor.testbed.loadjob.LoadJobState;
import dev.scalingadvisor.testbed.process.ChildProcess;
import dev.scalingadvisor.testbed.process.ProcessSpec;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The executor runs in its own JVM and is SIGKILLed after the savepoint was journaled and before the job was
 * resubmitted: the job is stopped. A new JVM runs recovery on the same journal and the job runs again at the new
 * parallelism with its keyed state intact.
 */
class CrashRecoveryIT {

    @RegisterExtension
    static FlinkClusterExtension flink = new FlinkClusterExtension(
            FlinkClusterOptions.defaults().withTaskManagers(1).withSlotsPerTaskManager(2));

    @TempDir
    Path dir;

    @Test
    void aDaemonKilledBetweenSavepointAndResubmissionFinishesTheRescaleWhenItStartsAgain() throws Exception {
        try (RealRescale real =
                new RealRescale(flink.cluster(), dir, LoadJobOptions.defaults().withJobName("crash"))) {
            real.load.setRate(500);
            String job = real.submit(1);
            Path marker = dir.resolve("savepoint-taken");
            Path request = writeRequest(real, job, marker);

            ChildProcess rescaling = ChildProcess.start(javaProcess("rescale", request));
            try {
                rescaling.awaitReady("the savepoint journaled", Duration.ofSeconds(180), () -> Files.exists(marker));
                rescaling.kill();
            } finally {
                rescaling.kill();
            }
            System.out.println("[crash] killed JVM, exit "
                    + rescaling.exitCode().orElse(-1) + ", log tail:\n" + rescaling.logTail(15));
            assertThat(rescaling.logTail(200))
                    .contains("[rescale-process] savepoint-taken")
                    .doesNotContain("[rescale-process] outcome");

            String savepoint = Files.readString(marker);
            try (Connection db = TestDatabase.open(dir.resolve("state.db"))) {
                assertThat(new RescaleJournal(db, Clock.systemUTC()).open())
                        .singleElement()
                        .satisfies(entry -> {
                            assertThat(entry.state()).isEqualTo(OperationState.SAVEPOINT_TAKEN);
                            assertThat(entry.savepointPath()).contains(savepoint);
                        });
            }
            flink.cluster().rest().awaitJobState(job, "FINISHED", Duration.ofSeconds(60));
            assertThat(real.client.jobs())
                    .as("no copy of the job runs while the advisor is down")
                    .filteredOn(j -> j.name().equals("crash") && !j.state().isGloballyTerminal())
                    .isEmpty();

            ChildProcess recovering = ChildProcess.start(javaProcess("recover", request));
            try {
                assertThat(recovering.awaitExit(Duration.ofSeconds(240)))
                        .as("recovery's exit code; log:%n%s", recovering.logTail(40))
                        .contains(0);
            } finally {
                recovering.kill();
            }
            System.out.println("[crash] recovery log tail:\n" + recovering.logTail(15));
            assertThat(recovering.logTail(200))
                    .contains("[rescale-process] rescale-resumed")
                    .contains("[rescale-process] rescale-succeeded");

            List<JobSummary> running = real.client.jobs().stream()
                    .filter(j -> j.name().equals("crash") && j.state() == JobStatus.RUNNING)
                    .toList();
            assertThat(running).hasSize(1);
            JobId resumed = running.get(0).id();
            assertThat(real.heavyParallelism(resumed.value())).isEqualTo(2);
            assertThat(real.client.checkpoints(resumed).orElseThrow().restored())
                    .hasValueSatisfying(r -> assertThat(r.externalPath()).contains(savepoint));
            try (Connection db = TestDatabase.open(dir.resolve("state.db"))) {
                List<JournalEntry> history =
                        new RescaleJournal(db, Clock.systemUTC()).history(RealRescale.CLUSTER, "crash", 5);
                assertThat(history)
                        .singleElement()
                        .satisfies(e -> assertThat(e.state()).isEqualTo(OperationState.SUCCEEDED));
            }
            real.load.setRate(0);
            LoadJobState drained = real.load.awaitDrained(Duration.ofSeconds(120));
            assertThat(drained.noStateLost())
                    .as("state after drain: %s", drained)
                    .isTrue();
        }
    }

    private Path writeRequest(RealRescale real, String job, Path marker) throws Exception {
        Properties p = new Properties();
        p.setProperty("restUrl", flink.cluster().restUrl());
        p.setProperty("db", dir.resolve("state.db").toString());
        p.setProperty("marker", marker.toString());
        p.setProperty("job", job);
        p.setProperty("jobName", real.load.options().jobName());
        p.setProperty("vertex", real.heavyVertex(job).value());
        p.setProperty("from", "1");
        p.setProperty("to", "2");
        p.setProperty(
                "jarName",
                ((dev.scalingadvisor.actions.rescale.request.JobJar.UploadedName)
                                RealRescale.jar(real.load).locator())
                        .name());
        p.setProperty(
                "programArgs", String.join("\u001f", RealRescale.jar(real.load).args()));
        Path file = dir.resolve("request.properties");
        try (Writer out = Files.newBufferedWriter(file)) {
            p.store(out, "rescale request for the crash test");
        }
        return file;
    }

    private ProcessSpec javaProcess(String mode, Path request) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return ProcessSpec.of(
                        "rescale-" + mode,
                        dir,
                        List.of(
                                java,
                                "-Xmx256m",
                                "-cp",
                                System.getProperty("java.class.path"),
                                RescaleProcess.class.getName(),
                                mode,
                                request.toString()))
                .withStopGrace(Duration.ofSeconds(1));
    }
}
