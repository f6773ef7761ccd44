package dev.scalingadvisor.alerting.noise;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What each notifier last delivered per condition (dedup key), so the advisor does not repeat itself
 * sooner than {@code repeatInterval}, across restarts when the log is {@link SqlNotificationLog}.
 */
public interface NotificationLog {

    /**
     * One delivered notification.
     *
     * @param fingerprint what was said (direction, current and target parallelism); a different one is news
     */
    record Entry(String notifier, String dedupKey, String fingerprint, Instant at) {
        public Entry {
            Objects.requireNonNull(notifier, "notifier");
            Objects.requireNonNull(dedupKey, "dedupKey");
            Objects.requireNonNull(fingerprint, "fingerprint");
            Objects.requireNonNull(at, "at");
        }
    }

    Optional<Entry> last(String notifier, String dedupKey);

    /** Replaces what was logged for the entry's notifier and key. */
    void record(Entry entry);

    void forget(String notifier, String dedupKey);

    /** Drops entries delivered before {@code cutoff}; they would not suppress anything any more. */
    void forgetBefore(Instant cutoff);

    /** A log that lives as long as the process: for tests, and when no state database is configured. */
    static NotificationLog inMemory() {
        return new InMemoryNotificationLog();
    }
}
