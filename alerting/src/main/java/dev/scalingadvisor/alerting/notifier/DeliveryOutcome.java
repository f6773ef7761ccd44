package dev.scalingadvisor.alerting.notifier;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** What one delivery attempt came to, and so whether trying again makes sense. */
public sealed interface DeliveryOutcome {

    /** The receiver took it. */
    record Sent() implements DeliveryOutcome {}

    /**
     * It did not arrive but may on another try: a timeout, a refused connection, HTTP 5xx or 429.
     *
     * @param after  how long the receiver asked us to wait ({@code Retry-After}); empty to back off as usual
     * @param reason what went wrong, safe to log (no secret in it)
     */
    record RetryAfter(Optional<Duration> after, String reason) implements DeliveryOutcome {
        public RetryAfter {
            Objects.requireNonNull(after, "after");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * The receiver refused it and would refuse it again (HTTP 4xx other than 429): not retried.
     *
     * @param reason the status and the receiver's explanation (its response body, shortened), safe to log
     */
    record Rejected(String reason) implements DeliveryOutcome {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
        }
    }

    static DeliveryOutcome sent() {
        return new Sent();
    }

    static DeliveryOutcome retry(String reason) {
        return new RetryAfter(Optional.empty(), reason);
    }
}
