package dev.scalingadvisor.actions.rescale;

import java.time.Duration;

/** Waits between polls and retries; a parameter so tests move a fake clock instead of sleeping. */
@FunctionalInterface
public interface Sleeper {

    void sleep(Duration duration) throws InterruptedException;

    static Sleeper system() {
        return duration -> Thread.sleep(duration.toMillis());
    }
}
