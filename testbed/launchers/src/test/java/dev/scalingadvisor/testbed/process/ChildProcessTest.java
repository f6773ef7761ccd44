package dev.scalingadvisor.testbed.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildProcessTest {

    @TempDir
    Path dir;

    @Test
    void stopEndsTheCommandAndReportsItsExitCode() {
        ChildProcess sleeper = ChildProcess.start(ProcessSpec.of("sleeper", dir, List.of("sleep", "600")));
        assertThat(ProcessHandle.of(sleeper.pid())).isPresent();

        sleeper.stop();

        assertThat(sleeper.isAlive()).isFalse();
        assertThat(ProcessHandle.of(sleeper.pid()).map(ProcessHandle::isAlive))
                .isNotEqualTo(java.util.Optional.of(true));
        assertThat(RunningProcesses.all()).doesNotContain(sleeper);
    }

    @Test
    void stopFallsBackToSigkillWhenTheCommandIgnoresSigterm() {
        ProcessSpec stubborn = ProcessSpec.of(
                        "stubborn",
                        dir,
                        List.of("bash", "-c", "trap '' TERM; echo ready; while true; do sleep 0.1; done"))
                .withStopGrace(Duration.ofMillis(500));
        ChildProcess child = ChildProcess.start(stubborn);
        child.awaitReady(
                "its first line", Duration.ofSeconds(10), () -> child.logTail(5).contains("ready"));

        Instant before = Instant.now();
        child.stop();

        assertThat(child.isAlive()).isFalse();
        assertThat(Duration.between(before, Instant.now())).isLessThan(Duration.ofSeconds(8));
    }

    @Test
    void aProcessThatDiesWhileStartingFailsWithItsLogTail() {
        ChildProcess crasher = ChildProcess.start(
                ProcessSpec.of("crasher", dir, List.of("bash", "-c", "echo 'bad flag --x'; exit 3")));

        assertThatThrownBy(() -> crasher.awaitReady("HTTP readiness", Duration.ofSeconds(10), () -> false))
                .isInstanceOf(ProcessStartException.class)
                .hasMessageContaining("crasher")
                .hasMessageContaining("exited with code 3")
                .hasMessageContaining("bad flag --x");
    }

    @Test
    void aServerThatNeverBecomesReadyFailsWithItsLogTailAfterTheTimeout() {
        ChildProcess slow = ChildProcess.start(
                ProcessSpec.of("slow", dir, List.of("bash", "-c", "echo 'still loading'; sleep 600")));
        try {
            assertThatThrownBy(() -> slow.awaitReady("readiness", Duration.ofMillis(600), () -> false))
                    .hasMessageContaining("did not reach readiness")
                    .hasMessageContaining("still loading");
        } finally {
            slow.stop();
        }
    }

    @Test
    void theChildDiesWhenTheJvmThatStartedItIsKilled() throws Exception {
        Path pidFile = dir.resolve("orphan.pid");
        Process parent = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        OrphanCandidate.class.getName(),
                        dir.toString(),
                        pidFile.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("parent.log").toFile())
                .start();
        try {
            Instant deadline = Instant.now().plusSeconds(30);
            while (!Files.exists(pidFile) && Instant.now().isBefore(deadline)) {
                Thread.sleep(50);
            }
            assertThat(pidFile)
                    .as("child pid written by the parent JVM; its log: %s", dir.resolve("parent.log"))
                    .exists();
            long childPid = Long.parseLong(Files.readString(pidFile).trim());
            assertThat(ProcessHandle.of(childPid).map(ProcessHandle::isAlive)).contains(true);

            parent.destroyForcibly().waitFor();

            Instant gone = Instant.now().plusSeconds(20);
            while (ProcessHandle.of(childPid).map(ProcessHandle::isAlive).orElse(false)
                    && Instant.now().isBefore(gone)) {
                Thread.sleep(50);
            }
            assertThat(ProcessHandle.of(childPid).map(ProcessHandle::isAlive).orElse(false))
                    .as("sleep %d still running after its parent JVM was SIGKILLed", childPid)
                    .isFalse();
        } finally {
            parent.destroyForcibly();
        }
    }

    /** Runs in a separate JVM: starts a long sleep under supervision, reports its pid, then waits to be killed. */
    public static final class OrphanCandidate {
        public static void main(String[] args) throws Exception {
            Path dir = Path.of(args[0]);
            ChildProcess child = ChildProcess.start(ProcessSpec.of("orphan", dir, List.of("sleep", "600")));
            Path tmp = dir.resolve("orphan.pid.tmp");
            Files.writeString(tmp, Long.toString(child.pid()));
            Files.move(tmp, Path.of(args[1]), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            Thread.sleep(600_000);
        }
    }
}
