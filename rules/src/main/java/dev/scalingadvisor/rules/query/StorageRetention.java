package dev.scalingadvisor.rules.query;

import dev.scalingadvisor.core.time.PrometheusDurations;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How long Prometheus keeps samples, as it says itself ({@code storageRetention} of
 * {@code /api/v1/status/runtimeinfo}: {@code 15d}, {@code 10y}, {@code 15d or 10GiB}, or a size alone).
 *
 * @param text as Prometheus wrote it, for messages
 * @param time its time limit; empty when it keeps by size alone
 */
public record StorageRetention(String text, Optional<Duration> time) {

    public StorageRetention {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(time, "time");
    }

    /** Reads Prometheus' wording; a size limit ({@code 10GiB}) says nothing about time and is left out. */
    public static StorageRetention parse(String text) {
        Optional<Duration> time = Optional.empty();
        for (String limit : text.split("\\s+or\\s+")) {
            try {
                Duration parsed = PrometheusDurations.parse(limit);
                if (!parsed.isZero()) {
                    time = Optional.of(parsed);
                }
            } catch (IllegalArgumentException notATime) {
                // A size limit, such as 10GiB.
            }
        }
        return new StorageRetention(text.strip(), time);
    }

    /** The oldest instant whose samples Prometheus may still hold at {@code now}, when it keeps by time. */
    public Optional<Instant> oldestAt(Instant now) {
        return time.map(now::minus);
    }
}
