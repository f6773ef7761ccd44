package dev.scalingadvisor.alerting.noise;

import dev.scalingadvisor.alerting.Event;
import dev.scalingadvisor.core.outcome.EventKind;
import dev.scalingadvisor.core.scaling.ParallelismChange;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Keeps notifications quiet, as Alertmanager does: the same thing about the same condition (dedup key)
 * goes to a notifier at most once per repeat interval unless what is said changes (direction, current or
 * target parallelism); a resolution goes only where the recommendation went, and clears the way for the
 * next one. Time comes in as a parameter.
 */
public final class NoiseControl {

    /** Longer than the longest repeatInterval configuration allows (30 days): older entries suppress nothing. */
    static final Duration RETENTION = Duration.ofDays(31);

    private static final Duration PRUNE_EVERY = Duration.ofHours(1);

    private final NotificationLog log;
    private volatile Instant lastPrune = Instant.MIN;

    public NoiseControl(NotificationLog log) {
        this.log = Objects.requireNonNull(log, "log");
    }

    /** Whether {@code event} is news for this notifier at {@code now}. */
    public boolean isNews(String notifier, Duration repeatInterval, Event event, Instant now) {
        var last = log.last(notifier, event.dedupKey());
        if (event.kind() == EventKind.RECOMMENDATION_RESOLVED) {
            return last.isPresent();
        }
        return last.isEmpty()
                || !last.get().fingerprint().equals(fingerprint(event))
                || !now.isBefore(last.get().at().plus(repeatInterval));
    }

    /** Notes that the notifier has had its say about {@code event} (delivered, or refused for good). */
    public void settled(String notifier, Event event, Instant now) {
        if (event.kind() == EventKind.RECOMMENDATION_RESOLVED) {
            log.forget(notifier, event.dedupKey());
        } else {
            log.record(new NotificationLog.Entry(notifier, event.dedupKey(), fingerprint(event), now));
        }
        if (!now.isBefore(lastPrune.plus(PRUNE_EVERY))) {
            lastPrune = now;
            log.forgetBefore(now.minus(RETENTION));
        }
    }

    /** Forgets the condition without telling anyone: its resolution, for a notifier with {@code sendResolved: false}. */
    public void resolvedQuietly(String notifier, Event event) {
        log.forget(notifier, event.dedupKey());
    }

    /** What is said, as far as repeating goes: kind, direction, and the parallelism change down to each vertex. */
    public static String fingerprint(Event event) {
        return event.kind().spelling() + " " + event.direction().spelling()
                + event.changes()
                        .map(p ->
                                " " + p.headline().from() + "->" + p.headline().to()
                                        + p.vertices().stream()
                                                .sorted(Comparator.comparing((ParallelismChange v) ->
                                                        v.vertex().value()))
                                                .map(v -> v.vertex().value() + "=" + v.to())
                                                .collect(Collectors.joining(",", " [", "]")))
                        .orElse("");
    }
}
