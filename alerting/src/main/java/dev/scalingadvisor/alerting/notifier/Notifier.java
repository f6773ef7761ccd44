package dev.scalingadvisor.alerting.notifier;

import dev.scalingadvisor.alerting.Event;
import dev.scalingadvisor.core.outcome.EventKind;

/**
 * One destination's way of telling people about an event: renders it in the destination's format and
 * makes one delivery attempt. Queueing, noise control, rate limits, retries and the circuit breaker are
 * stages wrapped around every notifier once, not code inside each.
 */
public interface Notifier extends AutoCloseable {

    /**
     * One attempt, within the notifier's timeout. I/O failures are outcomes, not exceptions; an exception
     * here is a bug.
     */
    DeliveryOutcome deliver(Event event);

    /** Whether this destination has anything to say for events of this kind (Alertmanager only takes alerts). */
    default boolean expresses(EventKind kind) {
        return true;
    }

    /** Gives up an attempt in flight, if any; called when the advisor stops. */
    @Override
    default void close() {}
}
