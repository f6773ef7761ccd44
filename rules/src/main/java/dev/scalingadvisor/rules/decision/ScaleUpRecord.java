package dev.scalingadvisor.rules.decision;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A scale-up seen to happen to one vertex (its parallelism rose from one cycle to the next, whoever made it
 * rise), kept to judge whether it helped: the throughput in the cycle before, and (once judged ineffective)
 * until when further scale-ups are blocked. A record is judged only while it is younger than
 * {@code blockFor}, and a block lasts {@code blockFor}: so no record outlives twice {@code blockFor}, which
 * bounds the engine's memory.
 *
 * @param throughputBefore records per second through the vertex in the cycle before the rise; empty when unknown
 * @param seenAt           the cycle in which the new parallelism was first seen
 * @param blockedUntil     set when the scale-up was judged ineffective
 * @param verdict          what the judgement measured, to repeat the finding while the block holds
 */
public record ScaleUpRecord(
        String name,
        int from,
        int to,
        Optional<Double> throughputBefore,
        Instant seenAt,
        Optional<Instant> blockedUntil,
        Optional<Verdict> verdict) {

    public ScaleUpRecord {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(throughputBefore, "throughputBefore");
        Objects.requireNonNull(seenAt, "seenAt");
        Objects.requireNonNull(blockedUntil, "blockedUntil");
        Objects.requireNonNull(verdict, "verdict");
        if (to <= from) {
            throw new IllegalArgumentException("a scale-up goes up: " + from + " → " + to);
        }
    }

    public static ScaleUpRecord seen(String name, int from, int to, Optional<Double> throughputBefore, Instant at) {
        return new ScaleUpRecord(name, from, to, throughputBefore, at, Optional.empty(), Optional.empty());
    }

    /** This record with its instants moved by {@code step}, the amount the wall clock stepped. */
    ScaleUpRecord movedBy(Duration step) {
        return new ScaleUpRecord(
                name, from, to, throughputBefore, seenAt.plus(step), blockedUntil.map(t -> t.plus(step)), verdict);
    }

    public ScaleUpRecord blocked(Instant until, Verdict ineffective) {
        return new ScaleUpRecord(
                name, from, to, throughputBefore, seenAt, Optional.of(until), Optional.of(ineffective));
    }

    /** Whether it can still be judged: not judged yet and younger than {@code blockFor}. */
    public boolean judgeable(Instant now, Duration blockFor) {
        return verdict.isEmpty() && now.isBefore(seenAt.plus(blockFor));
    }

    /** Whether it still matters at {@code now}: it blocks, or it can still be judged. */
    public boolean matters(Instant now, Duration blockFor) {
        return isBlocking(now) || judgeable(now, blockFor);
    }

    /** The finding this record stands for while it blocks. */
    public Optional<Finding.IneffectiveScaleUp> finding(String vertex) {
        if (verdict.isEmpty() || blockedUntil.isEmpty() || throughputBefore.isEmpty()) {
            return Optional.empty();
        }
        double before = throughputBefore.get();
        return Optional.of(new Finding.IneffectiveScaleUp(
                vertex,
                name,
                from,
                to,
                before,
                verdict.get().throughputAfter(),
                (double) to / from - 1,
                before > 0 ? verdict.get().throughputAfter() / before - 1 : 0,
                verdict.get().likelyLimit(),
                blockedUntil.get()));
    }

    /** What was measured when the scale-up was judged ineffective. */
    public record Verdict(double throughputAfter, String likelyLimit) {
        public Verdict {
            Objects.requireNonNull(likelyLimit, "likelyLimit");
        }
    }

    public boolean isBlocking(Instant now) {
        return blockedUntil.map(now::isBefore).orElse(false);
    }
}
