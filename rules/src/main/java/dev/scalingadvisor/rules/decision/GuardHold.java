package dev.scalingadvisor.rules.decision;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A raised guard with hysteresis, as a rule's {@code clear} and {@code keepFiringFor} give a rule: a reading at
 * or past the raise level raises it; it stays raised until readings have stayed past its clear level for its
 * clear time. A reading between the two levels keeps it raised, and so does a cycle without a reading (missing
 * data is never read as "fine"), which also restarts the clear time. Without this, a guard on a noisy reading
 * (JVM CPU load of a saturated host reads 0.91–0.97 with single readings below 0.90 every few minutes) lets
 * one lucky reading through, and the decision flips every time.
 *
 * @param raisedAt      when it was raised
 * @param raisingValue  the last reading at or past the raise level, for explanations
 * @param clearingSince since when readings have been past the clear level, if they are
 */
public record GuardHold(Instant raisedAt, double raisingValue, Optional<Instant> clearingSince) {

    public GuardHold {
        Objects.requireNonNull(raisedAt, "raisedAt");
        Objects.requireNonNull(clearingSince, "clearingSince");
    }

    /** This hold with its instants moved by {@code step}, the amount the wall clock stepped. */
    GuardHold movedBy(Duration step) {
        return new GuardHold(raisedAt.plus(step), raisingValue, clearingSince.map(t -> t.plus(step)));
    }
    /** What one cycle's reading makes of a guard's hold. */
    public enum Reading {
        /** At or past the raise level: raises the guard, or keeps it raised. */
        RAISES,
        /** Between the levels: keeps a raised guard raised, raises nothing. */
        BETWEEN,
        /** Past the clear level: a raised guard clears once this has lasted its clear time. */
        CLEARS,
        /** No reading: a raised guard stays raised and its clear time starts again. */
        MISSING
    }

    /**
     * The hold after one cycle.
     *
     * @param value the reading, for {@link #raisingValue}; ignored unless {@code reading} is {@link Reading#RAISES}
     */
    public static Optional<GuardHold> next(
            Optional<GuardHold> previous, Reading reading, double value, Duration clearFor, Instant now) {
        return switch (reading) {
            case RAISES ->
                Optional.of(new GuardHold(previous.map(GuardHold::raisedAt).orElse(now), value, Optional.empty()));
            case BETWEEN, MISSING -> previous.map(GuardHold::notClearing);
            case CLEARS ->
                previous.flatMap(held -> {
                    Instant since = held.clearingSince().orElse(now);
                    if (!Duration.between(since, now).minus(clearFor).isNegative()) {
                        return Optional.empty();
                    }
                    return Optional.of(new GuardHold(held.raisedAt(), held.raisingValue(), Optional.of(since)));
                });
        };
    }

    /** The same hold with its clear time started again (a cycle without a reading). */
    public GuardHold notClearing() {
        return clearingSince.isEmpty() ? this : new GuardHold(raisedAt, raisingValue, Optional.empty());
    }
}
