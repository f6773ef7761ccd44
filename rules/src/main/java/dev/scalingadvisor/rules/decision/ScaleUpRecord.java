package dev.scalingadvisor.rules.decision;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A scale-up decided for one vertex, kept to judge afterwards whether it helped: the throughput before,
 * when the new parallelism was reached, and (once judged ineffective) until when further scale-ups are blocked.
 *
 * @param throughputBefore records per second through the vertex when the scale-up was decided
 * @param reachedAt        when the vertex was first seen at (or above) the new parallelism
 * @param blockedUntil     set when the scale-up was judged ineffective
 * @param verdict          what the judgement measured, to repeat the finding while the block holds
 */
public record ScaleUpRecord(
        String name,
        int from,
        int to,
        Optional<Double> throughputBefore,
        Instant decidedAt,
        Optional<Instant> reachedAt,
        Optional<Instant> blockedUntil,
        Optional<Verdict> verdict) {

    public ScaleUpRecord {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(throughputBefore, "throughputBefore");
        Objects.requireNonNull(decidedAt, "decidedAt");
        Objects.requireNonNull(reachedAt, "reachedAt");
        Objects.requireNonNull(blockedUntil, "blockedUntil");
        Objects.requireNonNull(verdict, "verdict");
        if (to <= from) {
            throw new IllegalArgumentException("a scale-up goes up: " + from + " → " + to);
        }
    }

    public ScaleUpRecord reached(Instant at) {
        return new ScaleUpRecord(name, from, to, throughputBefore, decidedAt, Optional.of(at), blockedUntil, verdict);
    }

    public ScaleUpRecord blocked(Instant until, Verdict ineffective) {
        return new ScaleUpRecord(
                name, from, to, throughputBefore, decidedAt, reachedAt, Optional.of(until), Optional.of(ineffective));
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
