package dev.scalingadvisor.actions.rescale;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalingadvisor.actions.fake.FakeTime;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Waits keep their length when the wall clock is stepped during them (issue 14, defect 6): a savepoint wait, a
 * verify window or a running timeout is measured on monotonic time.
 */
class WaitingTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofSeconds(1);

    private final FakeTime time = FakeTime.at("2026-03-02T10:00:00Z");
    private final Waiting waiting = new Waiting(time, time);

    @Test
    void aClockSteppedAnHourForwardDoesNotEndTheWaitEarly() throws InterruptedException {
        long began = time.nanoTime();
        AtomicInteger looks = new AtomicInteger();

        Waiting.Result<String> result = waiting.until(waiting.now().plus(TIMEOUT), POLL, () -> {
            if (looks.incrementAndGet() == 2) {
                time.step(Duration.ofHours(1));
            }
            return Optional.empty();
        });

        assertThat(result).isInstanceOf(Waiting.Result.TimedOut.class);
        assertThat(Duration.ofNanos(time.nanoTime() - began)).isEqualTo(TIMEOUT);
        assertThat(looks.get()).isEqualTo(61);
    }

    @Test
    @Timeout(10) // before the fix this wait never ended
    void aClockSteppedAnHourBackDoesNotStretchTheWait() throws InterruptedException {
        long began = time.nanoTime();

        Waiting.Result<String> result = waiting.until(waiting.now().plus(TIMEOUT), POLL, () -> {
            time.step(Duration.ofMinutes(-60));
            return Optional.empty();
        });

        assertThat(result).isInstanceOf(Waiting.Result.TimedOut.class);
        assertThat(Duration.ofNanos(time.nanoTime() - began)).isEqualTo(TIMEOUT);
    }

    @Test
    void whatIsWaitedForEndsTheWaitWhateverTheClockSays() throws InterruptedException {
        AtomicInteger looks = new AtomicInteger();

        Waiting.Result<String> result = waiting.until(waiting.now().plus(TIMEOUT), POLL, () -> {
            time.step(Duration.ofHours(-1));
            return looks.incrementAndGet() == 5 ? Optional.of("done") : Optional.empty();
        });

        assertThat(result).isEqualTo(new Waiting.Result.Done<>("done"));
    }
}
