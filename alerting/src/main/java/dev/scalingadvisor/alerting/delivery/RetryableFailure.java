package dev.scalingadvisor.alerting.delivery;

import dev.scalingadvisor.alerting.notifier.DeliveryOutcome;
import java.time.Duration;

/**
 * A {@link DeliveryOutcome.RetryAfter} carried as an exception through resilience4j's retry and circuit
 * breaker, which count and retry exceptions. Internal to delivery; no stack trace (it is not a bug).
 */
final class RetryableFailure extends RuntimeException {

    private final transient DeliveryOutcome.RetryAfter outcome;

    RetryableFailure(DeliveryOutcome.RetryAfter outcome) {
        super(outcome.reason(), null, false, false);
        this.outcome = outcome;
    }

    DeliveryOutcome.RetryAfter outcome() {
        return outcome;
    }

    /** Whether the receiver's requested wait, if any, is one we are willing to sit out. */
    boolean waitWithin(Duration longest) {
        return outcome.after().map(after -> after.compareTo(longest) <= 0).orElse(true);
    }
}
