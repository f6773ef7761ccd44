package dev.scalingadvisor.actions.rescale;

import dev.scalingadvisor.core.text.Spelling;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How long each step of a rescale took, and the downtime users care about: for savepoint-redeploy from the
 * stop request until every vertex of the new job runs; in place from the moment the job stopped running at
 * its old parallelism until it runs at the new one. Built from the journal's step rows.
 *
 * @param durations each step's duration (its last completed attempt)
 * @param downtime  when the rescale got far enough to have one
 */
public record StepTimings(Map<Step, Duration> durations, Optional<Duration> downtime) {

    public StepTimings {
        durations = durations.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(durations));
        java.util.Objects.requireNonNull(downtime, "downtime");
    }

    public static StepTimings none() {
        return new StepTimings(Map.of(), Optional.empty());
    }

    public Optional<Duration> of(Step step) {
        return Optional.ofNullable(durations.get(step));
    }

    static StepTimings of(List<JournalEntry.StepRecord> steps) {
        Map<Step, Duration> durations = new EnumMap<>(Step.class);
        Map<Step, Instant> open = new EnumMap<>(Step.class);
        Instant firstSavepoint = null;
        Instant lastRunning = null;
        for (JournalEntry.StepRecord record : steps) {
            switch (record.phase()) {
                case BEGIN -> {
                    open.put(record.step(), record.at());
                    if (record.step() == Step.SAVEPOINT && firstSavepoint == null) {
                        firstSavepoint = record.at();
                    }
                }
                case END -> {
                    Instant began = open.remove(record.step());
                    if (began != null) {
                        durations.put(record.step(), Duration.between(began, record.at()));
                    }
                    if (record.step() == Step.RUNNING) {
                        lastRunning = record.at();
                    }
                }
                case FAILED -> open.remove(record.step());
            }
        }
        Optional<Duration> downtime = Optional.ofNullable(durations.get(Step.RESTART));
        if (downtime.isEmpty() && firstSavepoint != null && lastRunning != null) {
            downtime = Optional.of(Duration.between(firstSavepoint, lastRunning));
        }
        return new StepTimings(durations, downtime);
    }

    /** {@code savepoint=2.1s stop=0.3s submit=1.2s running=3.4s downtime=7.0s} for log lines. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        durations.forEach((step, duration) -> text.append(Spelling.of(step))
                .append('=')
                .append(seconds(duration))
                .append("s "));
        downtime.ifPresent(d -> text.append("downtime=").append(seconds(d)).append('s'));
        return text.toString().strip();
    }

    private static String seconds(Duration duration) {
        return String.format(java.util.Locale.ROOT, "%.1f", duration.toMillis() / 1000.0);
    }
}
