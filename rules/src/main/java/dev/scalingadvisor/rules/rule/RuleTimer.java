package dev.scalingadvisor.rules.rule;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One rule's state for one job, with the instants its timers started: the per-rule state machine
 * {@code inactive → pending → firing → (clearing) → inactive}, plus {@code unknown} for missing data.
 * Pure: {@link #next} returns the state after one evaluation; nothing reads a clock.
 *
 * <p>Pending follows Prometheus exactly (the condition must hold at every evaluation for {@code for}; one
 * evaluation without it resets the timer), so the fire moment agrees with Prometheus' own alerting. Once
 * firing, the weaker {@code clear} threshold applies (hysteresis), then {@code keepFiringFor}. Missing data
 * resets the timers, as a vanished series resets a Prometheus alert: a rule never fires, and a scale-down
 * never proceeds, on time it could not see.
 *
 * @param activeSince   when the condition started to hold (the {@code for} timer), for pending, firing, clearing
 * @param firingSince   when the rule fired, for firing and clearing
 * @param clearingSince when the value crossed {@code clear}, for clearing
 * @param lastValue     the value of the last evaluation that had one, for explanations
 * @param unknownReason why the state is unknown, for unknown
 */
public record RuleTimer(
        RuleStatus status,
        Optional<Instant> activeSince,
        Optional<Instant> firingSince,
        Optional<Instant> clearingSince,
        Optional<Double> lastValue,
        Optional<String> unknownReason) {

    public static final RuleTimer INACTIVE = new RuleTimer(
            RuleStatus.INACTIVE,
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty());

    public RuleTimer {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(activeSince, "activeSince");
        Objects.requireNonNull(firingSince, "firingSince");
        Objects.requireNonNull(clearingSince, "clearingSince");
        Objects.requireNonNull(lastValue, "lastValue");
        Objects.requireNonNull(unknownReason, "unknownReason");
        boolean timed = status == RuleStatus.PENDING || status.isFiring();
        if (timed != activeSince.isPresent()) {
            throw new IllegalArgumentException(
                    status + " needs activeSince exactly when it is pending, firing or clearing");
        }
        if (status.isFiring() != firingSince.isPresent()) {
            throw new IllegalArgumentException(status + " needs firingSince exactly when firing or clearing");
        }
        if ((status == RuleStatus.CLEARING) != clearingSince.isPresent()) {
            throw new IllegalArgumentException(status + " needs clearingSince exactly when clearing");
        }
        if ((status == RuleStatus.UNKNOWN) != unknownReason.isPresent()) {
            throw new IllegalArgumentException(status + " needs a reason exactly when unknown");
        }
    }

    public static RuleTimer unknown(String reason) {
        return new RuleTimer(
                RuleStatus.UNKNOWN,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.of(reason));
    }

    /** The state after evaluating {@code rule} at {@code at} with {@code reading}. */
    public RuleTimer next(Rule rule, Reading reading, Instant at) {
        if (reading instanceof Reading.Missing missing) {
            return unknown(missing.reason());
        }
        double value = ((Reading.Value) reading).value();
        Threshold threshold = rule.threshold();
        return switch (status) {
            case FIRING -> {
                if (threshold.holds(value)) {
                    yield firing(activeSince.get(), firingSince.get(), value);
                }
                yield rule.keepFiringFor().isZero() ? inactive(value) : clearing(at, value);
            }
            case CLEARING -> {
                if (threshold.holds(value)) {
                    yield firing(activeSince.get(), firingSince.get(), value);
                }
                if (!Duration.between(clearingSince.get(), at)
                        .minus(rule.keepFiringFor())
                        .isNegative()) {
                    yield inactive(value);
                }
                yield clearing(clearingSince.get(), value);
            }
            case PENDING ->
                threshold.triggers(value) ? pendingOrFiring(rule, activeSince.get(), at, value) : inactive(value);
            case INACTIVE, UNKNOWN ->
                threshold.triggers(value) ? pendingOrFiring(rule, at, at, value) : inactive(value);
        };
    }

    /** How long the condition has held at {@code at}; zero unless pending, firing or clearing. */
    public Duration heldFor(Instant at) {
        return activeSince.map(since -> Duration.between(since, at)).orElse(Duration.ZERO);
    }

    /** This timer with its instants moved by {@code step}, the amount the wall clock stepped (see {@code EngineState#movedBy}). */
    public RuleTimer movedBy(Duration step) {
        return new RuleTimer(
                status,
                activeSince.map(t -> t.plus(step)),
                firingSince.map(t -> t.plus(step)),
                clearingSince.map(t -> t.plus(step)),
                lastValue,
                unknownReason);
    }

    private RuleTimer pendingOrFiring(Rule rule, Instant since, Instant at, double value) {
        if (!Duration.between(since, at).minus(rule.forDuration()).isNegative()) {
            return firing(since, at, value);
        }
        return new RuleTimer(
                RuleStatus.PENDING,
                Optional.of(since),
                Optional.empty(),
                Optional.empty(),
                Optional.of(value),
                Optional.empty());
    }

    private RuleTimer firing(Instant since, Instant firedAt, double value) {
        return new RuleTimer(
                RuleStatus.FIRING,
                Optional.of(since),
                Optional.of(firedAt),
                Optional.empty(),
                Optional.of(value),
                Optional.empty());
    }

    private RuleTimer clearing(Instant clearingAt, double value) {
        return new RuleTimer(
                RuleStatus.CLEARING,
                activeSince,
                firingSince,
                Optional.of(clearingAt),
                Optional.of(value),
                Optional.empty());
    }

    private static RuleTimer inactive(double value) {
        return new RuleTimer(
                RuleStatus.INACTIVE,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.of(value),
                Optional.empty());
    }
}
