package dev.scalingadvisor.testbed.process;

import java.time.Duration;

/** The testbed's pauses between polls: an interrupt ends the test's wait with an exception, never silently. */
public final class Waits {

    private Waits() {}

    /** Sleeps {@code duration}; interrupted, it keeps the interrupt flag and throws. */
    public static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
