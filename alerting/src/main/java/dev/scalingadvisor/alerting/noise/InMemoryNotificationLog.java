package dev.scalingadvisor.alerting.noise;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link NotificationLog} in memory, safe for the delivery threads and the publishing thread at once. */
final class InMemoryNotificationLog implements NotificationLog {

    private record Key(String notifier, String dedupKey) {}

    private final Map<Key, Entry> entries = new ConcurrentHashMap<>();

    @Override
    public Optional<Entry> last(String notifier, String dedupKey) {
        return Optional.ofNullable(entries.get(new Key(notifier, dedupKey)));
    }

    @Override
    public void record(Entry entry) {
        entries.put(new Key(entry.notifier(), entry.dedupKey()), entry);
    }

    @Override
    public void forget(String notifier, String dedupKey) {
        entries.remove(new Key(notifier, dedupKey));
    }

    @Override
    public void forgetBefore(Instant cutoff) {
        entries.values().removeIf(e -> e.at().isBefore(cutoff));
    }

    List<Entry> all() {
        return List.copyOf(entries.values());
    }
}
