package dev.scalingadvisor.alerting.delivery;

import dev.scalingadvisor.alerting.Event;
import dev.scalingadvisor.alerting.EventText;
import dev.scalingadvisor.alerting.delivery.NotificationMetrics.FailureReason;
import dev.scalingadvisor.alerting.noise.NoiseControl;
import dev.scalingadvisor.alerting.notifier.DeliveryOutcome;
import dev.scalingadvisor.alerting.notifier.Notifier;
import dev.scalingadvisor.alerting.notifier.NotifierSettings;
import dev.scalingadvisor.core.concurrent.DaemonThreads;
import dev.scalingadvisor.core.outcome.EventKind;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionHandler;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers events to one notifier on a thread of its own, so nothing it does can hold up the caller:
 * routing (events, jobs), noise control, a bounded queue that drops the oldest when full, the
 * destination's rate limit, retries with exponential backoff and jitter (honouring {@code Retry-After}),
 * and the destination's circuit breaker, in that order.
 */
final class NotifierDelivery {

    private static final Logger LOG = LoggerFactory.getLogger(NotifierDelivery.class);
    private static final Duration DROP_LOG_EVERY = Duration.ofMinutes(1);

    private final NotifierSettings settings;
    private final Notifier notifier;
    private final Duration repeatInterval;
    private final Destination destination;
    private final NoiseControl noise;
    private final NotificationMetrics metrics;
    private final Clock clock;
    private final Retry retry;
    private final Duration longestRetryAfter;
    private final ThreadPoolExecutor executor;
    private volatile boolean accepting = true;
    private volatile boolean abandoned;
    private volatile Instant lastDropLog = Instant.MIN;
    /** Queued or in flight; zero when the notifier has caught up. */
    private final AtomicInteger pending = new AtomicInteger();
    /** What is queued or in flight, by dedup key and fingerprint: the same again is not queued twice. */
    private final Set<String> waiting = ConcurrentHashMap.newKeySet();

    /** One queued notification; the executor's queue holds these, so a dropped one can be counted by kind. */
    private final class Delivery implements Runnable {
        private final Event event;
        private final String identity;

        Delivery(Event event, String identity) {
            this.event = event;
            this.identity = identity;
        }

        @Override
        public void run() {
            try {
                deliver(event);
            } finally {
                done();
            }
        }

        void done() {
            waiting.remove(identity);
            pending.decrementAndGet();
        }
    }

    NotifierDelivery(
            NotifierSettings settings,
            Notifier notifier,
            Duration repeatInterval,
            Destination destination,
            DeliveryPolicy policy,
            NoiseControl noise,
            NotificationMetrics metrics,
            Clock clock) {
        this.settings = settings;
        this.notifier = notifier;
        this.repeatInterval = repeatInterval;
        this.destination = destination;
        this.noise = noise;
        this.metrics = metrics;
        this.clock = clock;
        this.longestRetryAfter = policy.longestRetryAfter();
        IntervalFunction backoff =
                IntervalFunction.ofExponentialRandomBackoff(policy.firstBackoff(), 2.0, 0.5, policy.longestBackoff());
        this.retry = Retry.of(
                settings.name(),
                RetryConfig.<DeliveryOutcome>custom()
                        .maxAttempts(policy.maxAttempts())
                        .retryOnException(
                                e -> e instanceof RetryableFailure f && f.waitWithin(policy.longestRetryAfter()))
                        .intervalBiFunction((attempt, result) -> result.isLeft()
                                        && result.getLeft() instanceof RetryableFailure f
                                        && f.outcome().after().isPresent()
                                ? f.outcome().after().get().toMillis()
                                : backoff.apply(attempt))
                        .build());
        this.executor = new ThreadPoolExecutor(
                1,
                1,
                0,
                TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(policy.queueCapacity()),
                DaemonThreads.named("notifier-" + settings.name()),
                dropOldest());
        // Started now rather than on the first publish, which would otherwise pay for it in the evaluation cycle.
        executor.prestartAllCoreThreads();
        destination.serve(settings.name(), metrics);
        metrics.queued(settings.name(), 0);
    }

    String name() {
        return settings.name();
    }

    /** Queues the event if this notifier wants it and it is news; returns at once. Called from the evaluation cycle. */
    void offer(Event event) {
        if (!accepting || !wants(event)) {
            return;
        }
        if (event.kind() == EventKind.RECOMMENDATION_RESOLVED && !settings.sendResolved()) {
            noise.resolvedQuietly(name(), event);
            return;
        }
        // A resolution is judged only when its turn comes: its recommendation may still be waiting in the queue.
        if (event.kind() != EventKind.RECOMMENDATION_RESOLVED
                && !noise.isNews(name(), repeatInterval, event, clock.instant())) {
            metrics.suppressed(name(), event.kind());
            return;
        }
        // A receiver that hangs would otherwise collect the same recommendation from every cycle in its queue.
        String identity = event.dedupKey() + " " + NoiseControl.fingerprint(event);
        if (!waiting.add(identity)) {
            metrics.suppressed(name(), event.kind());
            return;
        }
        pending.incrementAndGet();
        executor.execute(new Delivery(event, identity));
        metrics.queued(name(), executor.getQueue().size());
    }

    private boolean wants(Event event) {
        return settings.events().contains(event.kind())
                && settings.acceptsJob(event.jobName())
                && notifier.expresses(event.kind());
    }

    private void deliver(Event event) {
        metrics.queued(name(), executor.getQueue().size());
        // Checked again here: the same event may have been queued twice before the first went out.
        if (!noise.isNews(name(), repeatInterval, event, clock.instant())) {
            metrics.suppressed(name(), event.kind());
            return;
        }
        AtomicInteger attempts = new AtomicInteger();
        try {
            DeliveryOutcome outcome = Retry.decorateSupplier(
                            retry, CircuitBreaker.decorateSupplier(destination.breaker(), attempt(event, attempts)))
                    .get();
            settle(event, outcome, attempts.get());
        } catch (RetryableFailure failure) {
            gaveUp(event, failure, attempts.get());
        } catch (CallNotPermittedException open) {
            metrics.failed(name(), event.kind(), FailureReason.BREAKER_OPEN);
            LOG.debug(
                    "notifier={} skipped the {} for job {}: circuit breaker open",
                    name(),
                    event.kind().spelling(),
                    event.jobName());
        } catch (RuntimeException e) {
            if (abandoned) {
                metrics.failed(name(), event.kind(), FailureReason.SHUTDOWN);
            } else {
                metrics.failed(name(), event.kind(), FailureReason.ERROR);
                LOG.error(
                        "notifier={} failed on the {} for job {} (a bug)",
                        name(),
                        event.kind().spelling(),
                        event.jobName(),
                        e);
            }
        } finally {
            metrics.retried(name(), event.kind(), Math.max(0, attempts.get() - 1));
        }
    }

    private void settle(Event event, DeliveryOutcome outcome, int attempts) {
        // A refusal is settled too: the same message would be refused again, every cycle.
        noise.settled(name(), event, clock.instant());
        if (outcome instanceof DeliveryOutcome.Rejected rejected) {
            metrics.failed(name(), event.kind(), FailureReason.REJECTED);
            LOG.warn(
                    "notifier={} refused the {} for job {}: {}. Not retried; the same notification is not sent again for {}",
                    name(),
                    event.kind().spelling(),
                    event.jobName(),
                    rejected.reason(),
                    EventText.duration(repeatInterval));
        } else {
            metrics.sent(name(), event.kind());
            LOG.info(
                    "notifier={} sent the {} for job {}{}",
                    name(),
                    event.kind().spelling(),
                    event.jobName(),
                    attempts > 1 ? " (attempt " + attempts + ")" : "");
        }
    }

    private void gaveUp(Event event, RetryableFailure failure, int attempts) {
        if (abandoned) {
            metrics.failed(name(), event.kind(), FailureReason.SHUTDOWN);
            return;
        }
        metrics.failed(name(), event.kind(), FailureReason.RETRIES_EXHAUSTED);
        String tooLong = failure.waitWithin(longestRetryAfter)
                ? ""
                : " (it asked to wait "
                        + EventText.duration(failure.outcome().after().orElseThrow()) + ", longer than "
                        + EventText.duration(longestRetryAfter) + ")";
        LOG.warn(
                "notifier={} could not deliver the {} for job {} after {} attempt(s): {}{}. It goes out again if the advisor publishes it again",
                name(),
                event.kind().spelling(),
                event.jobName(),
                attempts,
                failure.getMessage(),
                tooLong);
    }

    private Supplier<DeliveryOutcome> attempt(Event event, AtomicInteger attempts) {
        return () -> {
            if (abandoned) {
                // Not retried: the advisor is stopping and gave up on this notifier.
                throw new CancellationException("delivery abandoned at shutdown");
            }
            destination.limiter().ifPresent(RateLimiter::waitForPermission);
            attempts.incrementAndGet();
            DeliveryOutcome outcome = notifier.deliver(event);
            if (outcome instanceof DeliveryOutcome.RetryAfter retryAfter) {
                LOG.debug(
                        "notifier={} attempt {} for the {} of job {} failed: {}",
                        name(),
                        attempts.get(),
                        event.kind().spelling(),
                        event.jobName(),
                        retryAfter.reason());
                throw new RetryableFailure(retryAfter);
            }
            return outcome;
        };
    }

    private RejectedExecutionHandler dropOldest() {
        return (incoming, pool) -> {
            if (pool.isShutdown()) {
                // Published while the advisor was stopping: never started, counted like the rest of the queue.
                if (incoming instanceof Delivery late) {
                    late.done();
                    metrics.droppedAtShutdown(name(), late.event.kind());
                }
                return;
            }
            Runnable oldest = pool.getQueue().poll();
            if (oldest instanceof Delivery dropped) {
                dropped.done();
                metrics.droppedQueueFull(name(), dropped.event.kind());
                Instant now = clock.instant();
                if (!now.isBefore(lastDropLog.plus(DROP_LOG_EVERY))) {
                    lastDropLog = now;
                    LOG.warn(
                            "notifier={} destination={}: {} notifications waiting, the receiver is too slow or down; dropped the oldest ({} for job {}) and keep dropping the oldest while full",
                            name(),
                            settings.displayDestination(),
                            pool.getQueue().size() + 1,
                            dropped.event.kind().spelling(),
                            dropped.event.jobName());
                }
            }
            pool.execute(incoming);
        };
    }

    /** Stops taking events; what is queued is still delivered until {@link #abandon()}. */
    void stopAccepting() {
        accepting = false;
        executor.shutdown();
    }

    boolean awaitDrained(Duration timeout) throws InterruptedException {
        return executor.awaitTermination(Math.max(0, timeout.toMillis()), TimeUnit.MILLISECONDS);
    }

    /**
     * Gives up: interrupts the delivery in progress (the caller cancels its HTTP call) and counts what never
     * started. Returns how many notifications are lost, the one in progress included.
     */
    int abandon() {
        abandoned = true;
        boolean busy = executor.getActiveCount() > 0;
        List<Runnable> never = executor.shutdownNow();
        for (Runnable r : never) {
            if (r instanceof Delivery d) {
                d.done();
                metrics.droppedAtShutdown(name(), d.event.kind());
            }
        }
        return never.size() + (busy ? 1 : 0);
    }

    /**
     * Interrupts the delivery thread once more, after its HTTP call was cancelled: a sleeping retry or a
     * rate-limit wait then ends at once, even if the first interrupt was swallowed by the call.
     */
    void interruptAgain() {
        executor.shutdownNow();
    }

    /** After the thread has ended, or given up on: closes the notifier and removes this notifier's gauges. */
    void release() {
        notifier.close();
        metrics.forget(name());
    }

    /** Nothing queued, nothing in flight. */
    boolean isIdle() {
        return pending.get() == 0;
    }
}
