package dev.scalingadvisor.alerting.delivery;

import dev.scalingadvisor.alerting.Event;
import dev.scalingadvisor.alerting.EventText;
import dev.scalingadvisor.alerting.alertmanager.AlertmanagerNotifier;
import dev.scalingadvisor.alerting.console.ConsoleNotifier;
import dev.scalingadvisor.alerting.noise.NoiseControl;
import dev.scalingadvisor.alerting.noise.NotificationLog;
import dev.scalingadvisor.alerting.notifier.Notifier;
import dev.scalingadvisor.alerting.notifier.NotifierSettings;
import dev.scalingadvisor.alerting.notifier.NotifierType;
import dev.scalingadvisor.alerting.slack.SlackNotifier;
import dev.scalingadvisor.alerting.webhook.WebhookNotifier;
import dev.scalingadvisor.core.job.JobNamePattern;
import dev.scalingadvisor.core.outcome.EventKind;
import dev.scalingadvisor.core.text.Spelling;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's one door to notifications. {@link #publish} hands an event to every configured notifier
 * and returns at once, whatever the receivers do; each notifier delivers on its own thread with its own
 * bounded queue. {@link #close(Duration)} drains with a deadline.
 *
 * <pre>{@code
 * NotificationMetrics metrics = NotificationMetrics.register(registry);            // once per process
 * Notifications notifications = Notifications.start(config.notifiers(),
 *         new SqlNotificationLog(stateDatabase.connection()), metrics, Clock.systemUTC());
 * notifications.publish(event);                                                   // every cycle
 * notifications.close(Duration.ofSeconds(5));                                      // on shutdown or reload
 * }</pre>
 */
public final class Notifications implements AutoCloseable {

    public static final Duration DEFAULT_SHUTDOWN_DEADLINE = Duration.ofSeconds(5);
    /** After giving up on the deadline, how long to wait for the cancelled deliveries' threads to end. */
    private static final Duration AFTER_CANCEL = Duration.ofSeconds(2);

    private static final Duration IDLE_POLL = Duration.ofMillis(5);
    private static final Logger LOG = LoggerFactory.getLogger(Notifications.class);

    private final List<NotifierDelivery> deliveries;
    private final OkHttpClient http;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** The monotonic instant (nanoseconds) at which a close gives up delivering; a later close may bring it forward. */
    private final AtomicLong giveUpAt = new AtomicLong(Long.MAX_VALUE);
    /** Ends when the close that drains this set has returned. */
    private final CountDownLatch stopped = new CountDownLatch(1);
    /** How often a drain looks whether a later close brought its deadline forward. */
    private static final Duration DEADLINE_CHECK = Duration.ofMillis(100);

    private Notifications(List<NotifierDelivery> deliveries, OkHttpClient http) {
        this.deliveries = List.copyOf(deliveries);
        this.http = http;
    }

    /** Starts delivery to the configured notifiers with the default {@link DeliveryPolicy}. */
    public static Notifications start(
            List<NotifierSettings> notifiers, NotificationLog log, NotificationMetrics metrics, Clock clock) {
        Builder builder = builder(log, metrics, clock);
        notifiers.forEach(builder::notifier);
        return builder.build();
    }

    public static Builder builder(NotificationLog log, NotificationMetrics metrics, Clock clock) {
        return new Builder(log, metrics, clock);
    }

    /**
     * Hands the event to every notifier that wants it and returns at once: routing, noise control and
     * queueing happen here in memory; delivery on the notifiers' own threads. Never throws.
     *
     * <p>Publish a recommendation, a refusal or a finding every cycle while it holds (the repeat interval
     * keeps people from hearing it more than once), and its {@code recommendation-resolved} once when it
     * goes away. Rescale outcomes are published once each.
     */
    public void publish(Event event) {
        Objects.requireNonNull(event, "event");
        for (NotifierDelivery delivery : deliveries) {
            try {
                delivery.offer(event);
            } catch (RuntimeException e) {
                // A bug in one notifier's routing must not cost the evaluation cycle or the other notifiers.
                LOG.error(
                        "notifier={} could not take the {} for job {}",
                        delivery.name(),
                        event.kind().spelling(),
                        event.jobName(),
                        e);
            }
        }
    }

    /**
     * Waits until everything published so far has been delivered or given up; for tests, the demo and
     * a one-off send. False if {@code timeout} passed first.
     */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!deliveries.stream().allMatch(NotifierDelivery::isIdle)) {
            if (System.nanoTime() >= end) {
                return false;
            }
            // Polling: a marker task in the queue would itself push out the oldest notification when it is full.
            Thread.sleep(IDLE_POLL.toMillis());
        }
        return true;
    }

    /**
     * Stops taking events and returns at once, while what is queued and in flight (retries included) goes on being
     * delivered on a thread of its own for up to {@code drainFor}: what a reload does with the notifiers it
     * replaces, so that a slow receiver neither holds up the reload nor loses what was already published. A
     * {@link #close(Duration)} afterwards (the daemon stopping) brings the end of the drain forward.
     */
    public void retire(Duration drainFor) {
        giveUpAt.accumulateAndGet(System.nanoTime() + drainFor.toNanos(), Math::min);
        if (closed.getAndSet(true)) {
            return;
        }
        deliveries.forEach(NotifierDelivery::stopAccepting);
        Thread drain = new Thread(this::drainAndStop, "notifications-retired");
        drain.setDaemon(true);
        drain.start();
    }

    /** Whether this set has stopped: closed, or retired and drained (or given up). */
    public boolean isStopped() {
        return stopped.getCount() == 0;
    }

    /**
     * Stops taking events, delivers what is queued until {@code deadline}, then cancels what is in
     * flight and drops the rest (counted in {@code scaling_advisor_notifications_dropped_total}). On a set that is
     * already being closed or retired, brings its end forward to {@code deadline} and waits for it.
     */
    public void close(Duration deadline) {
        long end = System.nanoTime() + deadline.toNanos();
        giveUpAt.accumulateAndGet(end, Math::min);
        if (closed.getAndSet(true)) {
            try {
                stopped.await(deadline.plus(AFTER_CANCEL).plus(DEADLINE_CHECK).toNanos(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        drainAndStop();
    }

    /** Delivers what is queued until {@link #giveUpAt}, then cancels and counts the rest; then this set has stopped. */
    private void drainAndStop() {
        try {
            drainThenCancel();
        } finally {
            stopped.countDown();
        }
    }

    private void drainThenCancel() {
        long began = System.nanoTime();
        deliveries.forEach(NotifierDelivery::stopAccepting);
        List<String> late = new ArrayList<>();
        boolean interrupted = false;
        for (NotifierDelivery delivery : deliveries) {
            try {
                if (!awaitDrainedBeforeGivingUp(delivery)) {
                    late.add(delivery.name());
                }
            } catch (InterruptedException e) {
                interrupted = true;
                late.add(delivery.name());
            }
        }
        int lost = 0;
        if (!late.isEmpty()) {
            for (NotifierDelivery delivery : deliveries) {
                lost += late.contains(delivery.name()) ? delivery.abandon() : 0;
            }
            // Cancels the calls in flight, including those of a receiver that hangs: a socket read ignores interrupts.
            http.dispatcher().cancelAll();
            deliveries.forEach(NotifierDelivery::interruptAgain);
            for (NotifierDelivery delivery : deliveries) {
                try {
                    delivery.awaitDrained(AFTER_CANCEL);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        deliveries.forEach(NotifierDelivery::release);
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
        if (late.isEmpty()) {
            LOG.info("notifications stopped; everything queued was delivered");
        } else {
            LOG.warn(
                    "notifications stopped after {}: {} notification(s) not delivered (notifiers still busy: {})",
                    EventText.duration(Duration.ofNanos(Math.max(0, giveUpAt.get() - began))),
                    lost,
                    String.join(", ", late));
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        close(DEFAULT_SHUTDOWN_DEADLINE);
    }

    /** Waits for the delivery to drain until {@link #giveUpAt}, which a later close may bring forward meanwhile. */
    private boolean awaitDrainedBeforeGivingUp(NotifierDelivery delivery) throws InterruptedException {
        while (true) {
            long left = giveUpAt.get() - System.nanoTime();
            if (left <= 0) {
                return delivery.awaitDrained(Duration.ZERO);
            }
            if (delivery.awaitDrained(Duration.ofNanos(Math.min(left, DEADLINE_CHECK.toNanos())))) {
                return true;
            }
        }
    }

    /** Collects the notifiers; {@link #build()} starts their delivery threads. */
    public static final class Builder {
        private final NotificationLog log;
        private final NotificationMetrics metrics;
        private final Clock clock;
        private DeliveryPolicy policy = DeliveryPolicy.DEFAULTS;
        private final List<NotifierSettings> settings = new ArrayList<>();
        private final List<Optional<Notifier>> custom = new ArrayList<>();

        private Builder(NotificationLog log, NotificationMetrics metrics, Clock clock) {
            this.log = Objects.requireNonNull(log, "log");
            this.metrics = Objects.requireNonNull(metrics, "metrics");
            this.clock = Objects.requireNonNull(clock, "clock");
        }

        public Builder policy(DeliveryPolicy deliveryPolicy) {
            this.policy = Objects.requireNonNull(deliveryPolicy, "deliveryPolicy");
            return this;
        }

        /** A notifier of the settings' type (Slack, webhook, Alertmanager, console). */
        public Builder notifier(NotifierSettings notifierSettings) {
            settings.add(Objects.requireNonNull(notifierSettings, "notifierSettings"));
            custom.add(Optional.empty());
            return this;
        }

        /** Another notifier behind the same routing, noise control and delivery stages (a recording one in tests). */
        public Builder notifier(NotifierSettings notifierSettings, Notifier notifier) {
            settings.add(Objects.requireNonNull(notifierSettings, "notifierSettings"));
            custom.add(Optional.of(notifier));
            return this;
        }

        /**
         * @throws IllegalArgumentException when two notifiers share a name (metrics and logs tell them apart by it)
         */
        public Notifications build() {
            Set<String> names = new HashSet<>();
            for (NotifierSettings s : settings) {
                if (!names.add(s.name())) {
                    throw new IllegalArgumentException("two notifiers are called \"" + s.name() + "\"");
                }
            }
            OkHttpClient http = new OkHttpClient();
            NoiseControl noise = new NoiseControl(log);
            Map<Object, Destination> destinations = new HashMap<>();
            List<NotifierDelivery> deliveries = new ArrayList<>();
            for (int i = 0; i < settings.size(); i++) {
                NotifierSettings s = settings.get(i);
                Notifier notifier = custom.get(i).orElseGet(() -> create(s, http));
                // Two notifiers posting to one URL share its breaker and rate limit.
                Object key = s.url().<Object>map(url -> url).orElse("console:" + s.name());
                Destination destination = destinations.computeIfAbsent(
                        key,
                        k -> new Destination(
                                s.name(), s.displayDestination(), policy, policy.rateLimit(s.type()), metrics));
                deliveries.add(new NotifierDelivery(
                        s, notifier, repeatInterval(s), destination, policy, noise, metrics, clock));
            }
            for (NotifierSettings s : settings) {
                LOG.info(
                        "notifier={} type={} destination={} events={} jobs={} repeatInterval={} sendResolved={}",
                        s.name(),
                        Spelling.of(s.type()),
                        s.displayDestination(),
                        s.events().size() == EventKind.values().length
                                ? "all"
                                : String.join(
                                        ",",
                                        s.events().stream()
                                                .map(EventKind::spelling)
                                                .sorted()
                                                .toList()),
                        s.jobs().map(JobNamePattern::regex).orElse("all"),
                        EventText.duration(repeatInterval(s)),
                        s.sendResolved());
            }
            return new Notifications(deliveries, http);
        }

        private Notifier create(NotifierSettings s, OkHttpClient http) {
            return switch (s.type()) {
                case SLACK -> new SlackNotifier(s, http, clock);
                case WEBHOOK -> new WebhookNotifier(s, http, clock);
                case ALERTMANAGER -> new AlertmanagerNotifier(s, http, clock);
                case CONSOLE -> new ConsoleNotifier(s.name());
            };
        }

        /** Alertmanager repeats to people itself; we only re-post often enough that its alert does not expire. */
        private static Duration repeatInterval(NotifierSettings s) {
            if (s.type() == NotifierType.ALERTMANAGER
                    && s.repeatInterval().compareTo(AlertmanagerNotifier.REPOST_INTERVAL) > 0) {
                return AlertmanagerNotifier.REPOST_INTERVAL;
            }
            return s.repeatInterval();
        }
    }
}
