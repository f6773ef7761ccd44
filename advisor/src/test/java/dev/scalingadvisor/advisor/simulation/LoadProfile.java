package dev.scalingadvisor.advisor.simulation;

import java.time.Duration;

/** The records per second offered to a simulated job, as a function of the time since the scenario began. */
@FunctionalInterface
interface LoadProfile {

    double rate(Duration since);

    static LoadProfile steady(double rate) {
        return since -> rate;
    }

    /** {@code before} until {@code at}, then {@code after}. */
    static LoadProfile step(double before, Duration at, double after) {
        return since -> since.compareTo(at) < 0 ? before : after;
    }

    /** {@code base}, with {@code peak} from {@code at} for {@code length}. */
    static LoadProfile spike(double base, Duration at, Duration length, double peak) {
        return since -> since.compareTo(at) >= 0 && since.compareTo(at.plus(length)) < 0 ? peak : base;
    }

    /** A day's curve: {@code low} at midnight, {@code high} at noon, a cosine between. */
    static LoadProfile diurnal(double low, double high) {
        return since -> {
            double day = (since.toSeconds() % 86_400) / 86_400.0;
            return low + (high - low) * (1 - Math.cos(2 * Math.PI * day)) / 2;
        };
    }

    /** This profile with seeded noise of relative size {@code relative}, one draw per ten seconds. */
    default LoadProfile withNoise(long seed, double relative) {
        LoadProfile base = this;
        return since -> {
            long slot = since.toSeconds() / 10;
            double jitter = new java.util.SplittableRandom(seed * 1_000_003L + slot).nextGaussian() * relative;
            return Math.max(0, base.rate(since) * (1 + jitter));
        };
    }
}
