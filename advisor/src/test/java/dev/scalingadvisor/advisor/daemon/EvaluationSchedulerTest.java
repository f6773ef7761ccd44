package dev.scalingadvisor.advisor.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalingadvisor.advisor.cycle.CycleHealth;
import dev.scalingadvisor.advisor.cycle.EvaluationCycle;
import dev.scalingadvisor.core.testing.MutableClock;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The evaluation schedule runs on monotonic time (issue 14, defect 6): a wall clock stepped an hour back or forward
 * neither stalls nor bunches cycles; a cycle that overran skips the fires it missed.
 */
class EvaluationSchedulerTest {

    private static final Duration INTERVAL = Duration.ofSeconds(30);
    private static final long SECOND = Duration.ofSeconds(1).toNanos();

    private final EvaluationScheduler.Cadence cadence = new EvaluationScheduler.Cadence(1_000 * SECOND, INTERVAL);

    @Test
    void aCycleThatEndsInTimeIsFollowedByTheNextFireOnSchedule() {
        EvaluationScheduler.Cadence.Next next = cadence.after(0, 1_002 * SECOND);

        assertThat(next).isEqualTo(new EvaluationScheduler.Cadence.Next(1, 28 * SECOND, 0));
    }

    @Test
    void aCycleThatOverranSkipsTheFiresItMissed() {
        // fire 3 ran at 1090 s and took 65 s: fires 4 (1120 s) and 5 (1150 s) passed meanwhile
        EvaluationScheduler.Cadence.Next next = cadence.after(3, 1_155 * SECOND);

        assertThat(next).isEqualTo(new EvaluationScheduler.Cadence.Next(6, 25 * SECOND, 2));
    }

    @Test
    void aFireLessThanASecondLateStillRuns() {
        EvaluationScheduler.Cadence.Next next = cadence.after(0, 1_030 * SECOND + SECOND / 2);

        assertThat(next).isEqualTo(new EvaluationScheduler.Cadence.Next(1, 0, 0));
    }

    @Test
    void cyclesKeepRunningEveryIntervalWhileTheWallClockIsSteppedBothWays() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-03-02T10:00:00Z"));
        List<Instant> evaluated = new CopyOnWriteArrayList<>();
        CountDownLatch sixCycles = new CountDownLatch(6);
        EvaluationCycle cycle = at -> {
            evaluated.add(at);
            // every cycle steps the clock: back an hour, then forward an hour, ...
            clock.advance(evaluated.size() % 2 == 1 ? Duration.ofHours(-1) : Duration.ofHours(1));
            sixCycles.countDown();
            return new CycleHealth(Optional.empty(), List.of(), List.of());
        };
        Readiness readiness = new Readiness(System::nanoTime);
        DaemonMetrics metrics = new DaemonMetrics(new PrometheusRegistry(), "test", clock);
        long began = System.nanoTime();

        try (EvaluationScheduler scheduler =
                EvaluationScheduler.start(Duration.ofMillis(100), () -> cycle, readiness, metrics, clock)) {
            assertThat(sixCycles.await(10, TimeUnit.SECONDS)).isTrue();
        }

        Duration took = Duration.ofNanos(System.nanoTime() - began);
        assertThat(took).isBetween(Duration.ofMillis(450), Duration.ofSeconds(10));
        assertThat(evaluated.subList(0, 3))
                .containsExactly(
                        Instant.parse("2026-03-02T10:00:00Z"),
                        Instant.parse("2026-03-02T09:00:00Z"),
                        Instant.parse("2026-03-02T10:00:00Z"));
    }

    @Test
    void aCycleEvaluatesAtWholeMillisecondsAsPrometheusKeepsTime() throws Exception {
        // A clock with microseconds, as the system clock has: the replay places Prometheus' range samples on the
        // cycle's steps by their millisecond offset, so a sub-millisecond cycle instant would place none.
        MutableClock clock = new MutableClock(Instant.parse("2026-03-02T10:00:00.123456789Z"));
        List<Instant> evaluated = new CopyOnWriteArrayList<>();
        CountDownLatch oneCycle = new CountDownLatch(1);
        EvaluationCycle cycle = at -> {
            evaluated.add(at);
            oneCycle.countDown();
            return new CycleHealth(Optional.empty(), List.of(), List.of());
        };
        DaemonMetrics metrics = new DaemonMetrics(new PrometheusRegistry(), "test", clock);

        try (EvaluationScheduler scheduler = EvaluationScheduler.start(
                Duration.ofSeconds(30), () -> cycle, new Readiness(System::nanoTime), metrics, clock)) {
            assertThat(oneCycle.await(10, TimeUnit.SECONDS)).isTrue();
        }

        assertThat(evaluated.get(0)).isEqualTo(Instant.parse("2026-03-02T10:00:00.123Z"));
    }
}
