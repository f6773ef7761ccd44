package dev.scalingadvisor.alerting.delivery;

import dev.scalingadvisor.alerting.notifier.NotifierType;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How hard delivery tries and how much it holds back, the same for every notifier; {@link #DEFAULTS}
 * is what the daemon uses, tests shorten the waits.
 *
 * @param queueCapacity     notifications waiting per notifier; past it the oldest is dropped
 * @param maxAttempts       attempts per notification, the first included
 * @param firstBackoff      wait before the second attempt; doubles per attempt, with ±50 % jitter
 * @param longestBackoff    the most the doubling may reach
 * @param longestRetryAfter the longest {@code Retry-After} honoured; a receiver asking for more gets no retry now
 * @param breakerWindow     deliveries the circuit breaker judges the failure rate over
 * @param breakerMinimumCalls deliveries needed before the breaker judges at all
 * @param breakerOpenFor    how long an open breaker fails deliveries at once before it lets one through
 * @param rateLimits        per destination, by notifier type; a type without an entry is not limited
 */
public record DeliveryPolicy(
        int queueCapacity,
        int maxAttempts,
        Duration firstBackoff,
        Duration longestBackoff,
        Duration longestRetryAfter,
        int breakerWindow,
        int breakerMinimumCalls,
        Duration breakerOpenFor,
        Map<NotifierType, RateLimit> rateLimits) {

    /** At most {@code messages} per {@code period} to one destination. */
    public record RateLimit(int messages, Duration period) {
        public RateLimit {
            Objects.requireNonNull(period, "period");
            if (messages < 1 || period.isNegative() || period.isZero()) {
                throw new IllegalArgumentException("a rate limit needs at least one message per positive period");
            }
        }
    }

    public static final DeliveryPolicy DEFAULTS = new DeliveryPolicy(
            100,
            4,
            Duration.ofSeconds(1),
            Duration.ofSeconds(30),
            Duration.ofMinutes(2),
            10,
            5,
            Duration.ofMinutes(1),
            Map.of(
                    // Slack allows about one message per second per incoming webhook, bursts briefly tolerated.
                    NotifierType.SLACK, new RateLimit(1, Duration.ofSeconds(1)),
                    NotifierType.WEBHOOK, new RateLimit(10, Duration.ofSeconds(1)),
                    NotifierType.ALERTMANAGER, new RateLimit(10, Duration.ofSeconds(1))));

    public DeliveryPolicy {
        Objects.requireNonNull(firstBackoff, "firstBackoff");
        Objects.requireNonNull(longestBackoff, "longestBackoff");
        Objects.requireNonNull(longestRetryAfter, "longestRetryAfter");
        Objects.requireNonNull(breakerOpenFor, "breakerOpenFor");
        rateLimits = Map.copyOf(rateLimits);
        if (queueCapacity < 1 || maxAttempts < 1 || breakerWindow < 1 || breakerMinimumCalls < 1) {
            throw new IllegalArgumentException("queue capacity, attempts and breaker window must be at least 1");
        }
        if (firstBackoff.isNegative() || firstBackoff.isZero() || longestBackoff.compareTo(firstBackoff) < 0) {
            throw new IllegalArgumentException("backoff must be positive and its longest at least its first");
        }
    }

    public Optional<RateLimit> rateLimit(NotifierType type) {
        return Optional.ofNullable(rateLimits.get(type));
    }
}
