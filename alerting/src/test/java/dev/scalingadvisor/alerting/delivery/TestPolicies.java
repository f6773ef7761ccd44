package dev.scalingadvisor.alerting.delivery;

import dev.scalingadvisor.alerting.notifier.NotifierType;
import java.time.Duration;
import java.util.Map;

/** Delivery policies with waits short enough for tests. */
public final class TestPolicies {

    private TestPolicies() {}

    /** Three attempts 10–50 ms apart, a breaker that judges after four calls and opens for a minute, no rate limits. */
    public static DeliveryPolicy fast() {
        return fast(3, Duration.ofMinutes(1), Map.of());
    }

    /** Attempts 10–50 ms apart and a breaker that judges after four calls, with these attempts, wait and limits. */
    public static DeliveryPolicy fast(
            int maxAttempts, Duration breakerOpenFor, Map<NotifierType, DeliveryPolicy.RateLimit> rateLimits) {
        return new DeliveryPolicy(
                10,
                maxAttempts,
                Duration.ofMillis(10),
                Duration.ofMillis(50),
                Duration.ofSeconds(5),
                4,
                4,
                breakerOpenFor,
                rateLimits);
    }

    public static DeliveryPolicy withQueueCapacity(DeliveryPolicy p, int capacity) {
        return new DeliveryPolicy(
                capacity,
                p.maxAttempts(),
                p.firstBackoff(),
                p.longestBackoff(),
                p.longestRetryAfter(),
                p.breakerWindow(),
                p.breakerMinimumCalls(),
                p.breakerOpenFor(),
                p.rateLimits());
    }
}
