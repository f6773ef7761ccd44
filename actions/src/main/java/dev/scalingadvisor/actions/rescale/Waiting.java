package dev.scalingadvisor.actions.rescale;

import dev.scalingadvisor.actions.flink.FlinkRestException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Polls Flink until something holds or a deadline passes. A transient Flink error (unreachable, 5xx, an
 * unreadable answer, an open circuit breaker) is remembered and waited out at the same pace, so a sick
 * cluster is asked no more often than a healthy one; any other error goes to the caller. A deadline becomes the
 * time left when the wait begins and is counted down on the sleeper's monotonic time: a wall clock stepped during
 * the wait changes nothing.
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

    /**
     * Calls {@code probe} every {@code interval} until it answers or {@code deadline} passes (it is always called once,
     * and once more at the deadline).
     */
    <T> Result<T> until(Instant deadline, Duration interval, Probe<T> probe) throws InterruptedException {
        return until(deadline, Pacing.every(interval), true, probe);
    }

    /**
     * Like {@link #until(Instant, Duration, Probe)}, but paced: each wait is {@code pacing}'s next, and the last one
     * ends at the deadline, so the probe also looks once at the end. {@code lookFirst} false skips the look at the
     * start (the caller has just seen the answer it would give).
     */
    <T> Result<T> until(Instant deadline, Pacing pacing, boolean lookFirst, Probe<T> probe)
            throws InterruptedException {
        long began = sleeper.nanoTime();
        Duration budget = Duration.between(clock.instant(), deadline);
        Optional<FlinkRestException> lastError = Optional.empty();
        Duration wait = pacing.first();
        boolean look = lookFirst;
        while (true) {
            if (look) {
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
            }
            Duration left = budget.minusNanos(sleeper.nanoTime() - began);
            if (left.isNegative() || left.isZero()) {
                return new Result.TimedOut<>(lastError);
            }
            sleeper.sleep(wait.compareTo(left) < 0 ? wait : left);
            wait = pacing.next(wait);
            look = true;
        }
    }

    /**
     * How often a wait looks: first after {@code first}, then each wait {@code factor} times the one before, at most
     * {@code max}. Waits that take minutes need not ask Flink every second: a look late by a few seconds costs
     * nothing there (timings come from Flink's own timestamps), a look every second costs the cluster ≈120 calls
     * per verify window.
     */
    record Pacing(Duration first, double factor, Duration max) {
        Pacing {
            if (first.isNegative() || first.isZero() || factor < 1 || max.compareTo(first) < 0) {
                throw new IllegalArgumentException("pacing: " + first + " ×" + factor + " up to " + max);
            }
        }

        /** The same wait every time. */
        static Pacing every(Duration interval) {
            return new Pacing(interval, 1, interval);
        }

        /** Starting at {@code first} and doubling, up to {@code max} (at least {@code first}). */
        static Pacing doubling(Duration first, Duration max) {
            return new Pacing(first, 2, max.compareTo(first) < 0 ? first : max);
        }

        Duration next(Duration previous) {
            Duration grown = Duration.ofNanos((long) (previous.toNanos() * factor));
            return grown.compareTo(max) > 0 ? max : grown;
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
