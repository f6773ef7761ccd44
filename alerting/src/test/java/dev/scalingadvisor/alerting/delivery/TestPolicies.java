package dev.scalingadvisor.alerting.delivery;

import java.time.Duration;
import java.util.Map;

/** Delivery policies with waits short enough for tests. */
public final class TestPolicies {

    private TestPolicies() {}

    /** Three attempts 10–50 ms apart, a breaker that judges after four calls, no rate limits. */
    public static DeliveryPolicy fast() {
        return new DeliveryPolicy(
                10,
                3,
                Duration.ofMillis(10),
                Duration.ofMillis(50),
                Duration.ofSeconds(5),
                4,
                4,
                Duration.ofMinutes(1),
                Map.of());
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
