package dev.scalingadvisor.alerting.delivery;

import dev.scalingadvisor.alerting.EventText;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One receiving endpoint (one URL) and what protects it: a circuit breaker, and a rate limit where its
 * type has one. Notifiers that share a URL (two routes to one Slack channel) share these, so the limit
 * and the breaker are the endpoint's, not each notifier's.
 */
final class Destination {

    private static final Logger LOG = LoggerFactory.getLogger(Destination.class);

    private final String display;
    private final Duration openFor;
    private final CircuitBreaker breaker;
    private final Optional<RateLimiter> limiter;
    private final List<String> notifiers = new CopyOnWriteArrayList<>();

    Destination(
            String name,
            String display,
            DeliveryPolicy policy,
            Optional<DeliveryPolicy.RateLimit> rateLimit,
            NotificationMetrics metrics) {
        this.display = display;
        this.openFor = policy.breakerOpenFor();
        this.breaker = CircuitBreaker.of(
                name,
                CircuitBreakerConfig.custom()
                        .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                        .slidingWindowSize(policy.breakerWindow())
                        .minimumNumberOfCalls(policy.breakerMinimumCalls())
                        .failureRateThreshold(50)
                        .waitDurationInOpenState(policy.breakerOpenFor())
                        .permittedNumberOfCallsInHalfOpenState(1)
                        .build());
        this.limiter = rateLimit.map(limit -> RateLimiter.of(
                name,
                RateLimiterConfig.custom()
                        .limitForPeriod(limit.messages())
                        .limitRefreshPeriod(limit.period())
                        // Waiting happens on the notifier's own thread, never the evaluation cycle's.
                        .timeoutDuration(Duration.ofMinutes(5))
                        .build()));
        breaker.getEventPublisher().onStateTransition(event -> {
            CircuitBreaker.State to = event.getStateTransition().getToState();
            notifiers.forEach(n -> metrics.breakerState(n, to));
            logTransition(to);
        });
    }

    void serve(String notifier, NotificationMetrics metrics) {
        notifiers.add(notifier);
        metrics.breakerState(notifier, breaker.getState());
    }

    CircuitBreaker breaker() {
        return breaker;
    }

    Optional<RateLimiter> limiter() {
        return limiter;
    }

    private void logTransition(CircuitBreaker.State to) {
        String who = "notifier=" + String.join(",", notifiers) + " destination=" + display;
        switch (to) {
            case OPEN ->
                LOG.warn(
                        "{}: circuit breaker open ({}% of the last {} deliveries failed); deliveries to it fail at once for {}, then one is tried",
                        who,
                        Math.round(breaker.getMetrics().getFailureRate()),
                        breaker.getMetrics().getNumberOfBufferedCalls(),
                        EventText.duration(openFor));
            case HALF_OPEN -> LOG.info("{}: circuit breaker half-open; the next delivery is the trial", who);
            case CLOSED -> LOG.info("{}: circuit breaker closed; deliveries resumed", who);
            default -> LOG.info("{}: circuit breaker {}", who, to);
        }
    }
}
