package dev.scalingadvisor.actions.rescale;

import dev.scalingadvisor.actions.flink.FlinkRestException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Polls Flink until something holds or a deadline passes. A transient Flink error (unreachable, 5xx, an
 * unreadable answer, an open circuit breaker) is remembered and waited out at the same pace, so a sick
 * cluster is asked no more often than a healthy one; any other error goes to the caller.
 */
final class Waiting {

    private final Clock clock;
    private final Sleeper sleeper;

    Waiting(Clock clock, Sleeper sleeper) {
        this.clock = clock;
        this.sleeper = sleeper;
    }

    Instant now() {
        return clock.instant();
    }

    Clock clock() {
        return clock;
    }

    void sleep(Duration duration) throws InterruptedException {
        sleeper.sleep(duration);
    }

    /** Calls {@code probe} every {@code interval} until it answers or {@code deadline} passes (it is always called once). */
    <T> Result<T> until(Instant deadline, Duration interval, Probe<T> probe) throws InterruptedException {
        Optional<FlinkRestException> lastError = Optional.empty();
        while (true) {
            try {
                Optional<T> value = probe.poll();
                if (value.isPresent()) {
                    return new Result.Done<>(value.get());
                }
                lastError = Optional.empty();
            } catch (FlinkRestException e) {
                if (!e.isTransient()) {
                    throw e;
                }
                lastError = Optional.of(e);
            }
            if (!clock.instant().isBefore(deadline)) {
                return new Result.TimedOut<>(lastError);
            }
            sleeper.sleep(interval);
        }
    }

    /** One look at Flink: a value when the wait is over. */
    @FunctionalInterface
    interface Probe<T> {
        Optional<T> poll();
    }

    /** The end of a wait. */
    sealed interface Result<T> {
        /** What was waited for. */
        record Done<T>(T value) implements Result<T> {}

        /** The deadline passed; {@code lastError} is set when the last look failed (Flink could not be asked). */
        record TimedOut<T>(Optional<FlinkRestException> lastError) implements Result<T> {}
    }
}
