package dev.scalingadvisor.testbed.e2e.loop;

import dev.scalingadvisor.testbed.process.Waits;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polls until something holds, failing with what was expected and the last thing seen. */
final class Await {

    private static final Duration POLL = Duration.ofMillis(250);

    private Await() {}

    /** Waits until {@code probe} yields a value; returns it. */
    static <T> T until(Duration timeout, String expectation, Supplier<Optional<T>> probe) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            Optional<T> value = probe.get();
            if (value.isPresent()) {
                return value.get();
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not within " + timeout.toSeconds() + " s: " + expectation);
            }
            Waits.sleep(POLL);
        }
    }

    /** Waits until {@code probe} yields a value or {@code timeout} has passed; empty if it never did. */
    static <T> Optional<T> untilOrEmpty(Duration timeout, Supplier<Optional<T>> probe) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            Optional<T> value = probe.get();
            if (value.isPresent() || Instant.now().isAfter(deadline)) {
                return value;
            }
            Waits.sleep(POLL);
        }
    }

    /** Waits until {@code condition} is true. */
    static void until(Duration timeout, String expectation, BooleanSupplier condition) {
        until(timeout, expectation, () -> condition.getAsBoolean() ? Optional.of(Boolean.TRUE) : Optional.empty());
    }
}
