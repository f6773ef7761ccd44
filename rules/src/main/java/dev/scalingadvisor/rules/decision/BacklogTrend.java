package dev.scalingadvisor.rules.decision;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * How the job's source backlog has moved lately, from the engine's own readings: an older and a newer mark, each
 * the first reading of its minute (marks fall on a fixed grid, so a replay of history reaches the same marks as
 * the daemon that ran all along once two minutes have begun), and the drain rate is measured from the youngest
 * mark at least {@link #MIN_SPAN} old: over half a minute to a minute and a half. The engine keeps it instead of reading the backlog's {@code deriv} from Prometheus because
 * that slope is wrong for minutes after every restart: the subtasks' {@code pendingRecords} series from before the
 * restart still weigh in the window, and the new ones climb from zero as each partition is first fetched.
 *
 * @param older the mark the drain rate is measured from, once there are two
 * @param newer the latest mark
 */
public record BacklogTrend(Optional<Mark> older, Mark newer) {

    /** The grid marks fall on: the first reading in each of these is a mark. */
    public static final Duration MARK_EVERY = Duration.ofMinutes(1);

    /** A pace measured over less would be the noise of the backlog's reading (a fetch of 500 records or so). */
    static final Duration MIN_SPAN = Duration.ofSeconds(30);

    /** After a start with no trend, how long until the marks are the same whatever came before. */
    public static final Duration SETTLES = MARK_EVERY.multipliedBy(2);

    public BacklogTrend {
        Objects.requireNonNull(older, "older");
        Objects.requireNonNull(newer, "newer");
    }

    /** This trend with its marks moved by {@code step}, the amount the wall clock stepped. */
    BacklogTrend movedBy(Duration step) {
        return new BacklogTrend(older.map(m -> m.movedBy(step)), newer.movedBy(step));
    }

    /** The backlog, in records, at an instant. */
    public record Mark(double backlog, Instant at) {
        public Mark {
            Objects.requireNonNull(at, "at");
        }

        Mark movedBy(Duration step) {
            return new Mark(backlog, at.plus(step));
        }
    }

    /**
     * The trend after one cycle: none without a fresh backlog reading (stabilizing, stale or missing data: a
     * trend measured across a gap or a restart would be wrong), else {@code previous} with {@code backlog}.
     */
    static Optional<BacklogTrend> next(Optional<BacklogTrend> previous, OptionalDouble backlog, Instant now) {
        if (backlog.isEmpty() || !Double.isFinite(backlog.getAsDouble())) {
            return Optional.empty();
        }
        Mark mark = new Mark(backlog.getAsDouble(), now);
        if (previous.isEmpty()) {
            return Optional.of(new BacklogTrend(Optional.empty(), mark));
        }
        BacklogTrend trend = previous.get();
        if (slot(now) > slot(trend.newer.at())) {
            return Optional.of(new BacklogTrend(Optional.of(trend.newer), mark));
        }
        return Optional.of(trend);
    }

    private static long slot(Instant at) {
        return Math.floorDiv(at.getEpochSecond(), MARK_EVERY.toSeconds());
    }

    /** The mark to measure from at {@code now}: the youngest one at least {@link #MIN_SPAN} old, if any. */
    Optional<Mark> reference(Instant now) {
        return Optional.of(newer).filter(m -> oldEnough(m, now)).or(() -> older.filter(m -> oldEnough(m, now)));
    }

    private static boolean oldEnough(Mark mark, Instant now) {
        return Duration.between(mark.at(), now).compareTo(MIN_SPAN) >= 0;
    }

    /**
     * How fast the backlog shrank from the reference mark to {@code backlog} at {@code now}, in records per second;
     * empty without a mark old enough, negative while it grows.
     */
    OptionalDouble drainRate(double backlog, Instant now) {
        Optional<Mark> from = reference(now);
        if (from.isEmpty()) {
            return OptionalDouble.empty();
        }
        double seconds = Duration.between(from.get().at(), now).toMillis() / 1000.0;
        return OptionalDouble.of((from.get().backlog() - backlog) / seconds);
    }
}
