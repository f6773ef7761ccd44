package dev.scalingadvisor.actions.rescale;

import java.time.Duration;

/**
 * The passage of time that waits are measured on: pauses between polls and retries, and a monotonic reading to
 * measure them with. Deadlines are kept on it, not on the wall clock, so a clock stepped by an hour neither ends a
 * savepoint wait or verify window early nor stretches it. A parameter so tests move a fake time instead of sleeping.
 */
public interface Sleeper {

    void sleep(Duration duration) throws InterruptedException;

    /** A monotonic reading in nanoseconds, as {@link System#nanoTime()}: only differences between readings mean anything. */
    long nanoTime();

    static Sleeper system() {
        return new Sleeper() {
            @Override
            public void sleep(Duration duration) throws InterruptedException {
                Thread.sleep(duration.toMillis());
            }

            @Override
            public long nanoTime() {
                return System.nanoTime();
            }
        };
    }
}
