package dev.scalingadvisor.rules.decision;

import dev.scalingadvisor.core.job.VertexId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A scale-down recommended without a break since {@code since}, waiting out {@code scaleDownDelay}, with the
 * targets of the cycles of the last {@code scaleDownDelay} ({@code recent}, oldest first; cycles in a row with
 * the same targets once, at the latest of them): the highest target
 * per vertex among them is what is decided. A sliding window, so the decision depends on the last
 * {@code scaleDownDelay} only, however long the scale-down has been recommended; that bounds how far back a
 * replay of history must start to reach the same decision as a daemon that ran all along.
 */
public record PendingScaleDown(Instant since, List<Targets> recent) {

    public PendingScaleDown {
        Objects.requireNonNull(since, "since");
        recent = List.copyOf(recent);
    }

    /** One cycle's target per vertex (a vertex not shrinking counts at its current parallelism). */
    public record Targets(Instant at, Map<VertexId, Integer> targets) {
        public Targets {
            Objects.requireNonNull(at, "at");
            targets = Collections.unmodifiableMap(new LinkedHashMap<>(targets));
        }
    }

    /** The window after one more cycle at {@code now}: its targets added, those older than {@code delay} left out. */
    static PendingScaleDown next(
            Optional<PendingScaleDown> previous, Instant now, Map<VertexId, Integer> targets, Duration delay) {
        Instant oldest = now.minus(delay);
        List<Targets> kept = new ArrayList<>();
        for (Targets targetsThen : previous.map(PendingScaleDown::recent).orElse(List.of())) {
            if (!targetsThen.at().isBefore(oldest)) {
                kept.add(targetsThen);
            }
        }
        // Cycles in a row with the same targets are kept once, as the latest of them: it leaves the window last, so
        // the highest targets stay the same, and a job recommended the same scale-down for hours keeps one entry.
        if (!kept.isEmpty() && kept.get(kept.size() - 1).targets().equals(targets)) {
            kept.remove(kept.size() - 1);
        }
        kept.add(new Targets(now, targets));
        return new PendingScaleDown(previous.map(PendingScaleDown::since).orElse(now), kept);
    }

    /** This window with its instants moved by {@code step}, the amount the wall clock stepped. */
    PendingScaleDown movedBy(Duration step) {
        return new PendingScaleDown(
                since.plus(step),
                recent.stream()
                        .map(t -> new Targets(t.at().plus(step), t.targets()))
                        .toList());
    }
    /** Per vertex of {@code vertices}, the highest target in the window. */
    Map<VertexId, Integer> highest(Map<VertexId, Integer> vertices) {
        Map<VertexId, Integer> highest = new LinkedHashMap<>(vertices);
        for (Targets cycle : recent) {
            cycle.targets()
                    .forEach((vertex, target) -> highest.computeIfPresent(vertex, (k, h) -> Math.max(h, target)));
        }
        return highest;
    }
}
