package dev.scalingadvisor.rules.decision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalingadvisor.core.job.VertexId;
import dev.scalingadvisor.core.scaling.Direction;
import dev.scalingadvisor.core.scaling.ParallelismChange;
import dev.scalingadvisor.core.scaling.ParallelismChanges;
import dev.scalingadvisor.rules.explain.Explanation;
import java.util.List;
import org.junit.jupiter.api.Test;

class DecisionTest {

    @Test
    void aDecisionOnTwoVerticesAnnouncesAChangeOneOfThemMakes() {
        // Vertices A 2 → 6 and B 4 → 5 used to be announced as "4 → 6": the largest current and the largest target.
        Decision decision = new Decision(
                Direction.UP,
                4,
                ParallelismChanges.of(
                        new ParallelismChange(new VertexId("a"), "A", 2, 6),
                        new ParallelismChange(new VertexId("b"), "B", 4, 5)),
                new Explanation(List.of()));

        assertThat(decision.currentParallelism()).isEqualTo(2);
        assertThat(decision.targetParallelism()).isEqualTo(6);
    }

    @Test
    void noDecisionShowsTheJobsParallelism() {
        Decision none = Decision.none(4, new Explanation(List.of()));

        assertThat(none.currentParallelism()).isEqualTo(4);
        assertThat(none.targetParallelism()).isEqualTo(4);
    }
}
