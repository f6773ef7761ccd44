package dev.scalingadvisor.rules.decision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalingadvisor.core.job.VertexId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PendingScaleDownTest {

    private static final VertexId SOURCE = new VertexId("source");
    private static final VertexId MAP = new VertexId("map");
    private static final Instant START = Instant.parse("2026-11-01T00:00:00Z");
    private static final Duration CYCLE = Duration.ofSeconds(15);
    private static final Duration DELAY = Duration.ofMinutes(10);

    @Test
    void theHighestTargetsAreThoseOfEveryCycleOfTheLastDelay() {
        // Targets that stay the same for a while and change: the window keeps a run once, and must still decide
        // as if it held every cycle.
        SplittableRandom random = new SplittableRandom(7);
        List<PendingScaleDown.Targets> everyCycle = new ArrayList<>();
        Optional<PendingScaleDown> window = Optional.empty();
        Map<VertexId, Integer> targets = targets(2, 3);
        for (int cycle = 0; cycle < 2_000; cycle++) {
            if (random.nextInt(12) == 0) {
                targets = targets(1 + random.nextInt(4), 1 + random.nextInt(8));
            }
            Instant now = START.plus(CYCLE.multipliedBy(cycle));
            window = Optional.of(PendingScaleDown.next(window, now, targets, DELAY));
            everyCycle.add(new PendingScaleDown.Targets(now, targets));

            Map<VertexId, Integer> expected = new LinkedHashMap<>(targets);
            everyCycle.stream()
                    .filter(t -> !t.at().isBefore(now.minus(DELAY)))
                    .forEach(t -> t.targets().forEach((v, target) -> expected.merge(v, target, Math::max)));
            assertThat(window.get().highest(targets)).as("cycle %d", cycle).isEqualTo(expected);
        }
        assertThat(window.get().recent())
                .as("a run of cycles with the same targets is one entry")
                .hasSizeLessThan((int) (DELAY.toSeconds() / CYCLE.toSeconds()) / 2);
        assertThat(window.get().since()).isEqualTo(START);
    }

    private static Map<VertexId, Integer> targets(int source, int map) {
        Map<VertexId, Integer> targets = new LinkedHashMap<>();
        targets.put(SOURCE, source);
        targets.put(MAP, map);
        return targets;
    }
}
