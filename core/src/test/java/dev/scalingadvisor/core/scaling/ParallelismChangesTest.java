package dev.scalingadvisor.core.scaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scalingadvisor.core.job.VertexId;
import dev.scalingadvisor.core.json.Json;
import org.junit.jupiter.api.Test;

class ParallelismChangesTest {

    private static ParallelismChange change(String vertex, int from, int to) {
        return new ParallelismChange(new VertexId(vertex), vertex, from, to);
    }

    @Test
    void theHeadlineIsAChangeOneVertexReallyMakes() {
        // Before: the maximum of the currents and the maximum of the targets, "4 → 6", a change no vertex makes.
        ParallelismChanges changes = ParallelismChanges.of(change("A", 2, 6), change("B", 4, 5));

        assertThat(changes.headline()).isEqualTo(change("A", 2, 6));
        assertThat(changes.direction()).isEqualTo(Direction.UP);
    }

    @Test
    void theHeadlineOfAScaleDownIsTheVertexThatWasWidest() {
        ParallelismChanges changes = ParallelismChanges.of(change("A", 6, 2), change("B", 5, 4));

        assertThat(changes.headline()).isEqualTo(change("A", 6, 2));
    }

    @Test
    void verticesThatKeepTheirParallelismNeverMakeTheHeadline() {
        ParallelismChanges plan = ParallelismChanges.of(change("source", 8, 8), change("counter", 2, 3));

        assertThat(plan.headline()).isEqualTo(change("counter", 2, 3));
        assertThat(plan.changed().vertices()).containsExactly(change("counter", 2, 3));
        assertThat(plan.toString()).isEqualTo("source stays at 8, counter 2 → 3");
    }

    @Test
    void amongEqualVerticesTheFirstInTopologyOrderStandsForTheJob() {
        ParallelismChanges changes = ParallelismChanges.of(change("first", 2, 4), change("second", 4, 2));

        assertThat(changes.headline().name()).isEqualTo("first");
    }

    @Test
    void nothingChangingHasNoHeadline() {
        assertThatThrownBy(() -> ParallelismChanges.of(change("a", 2, 2)).headline())
                .isInstanceOf(IllegalStateException.class);
        assertThat(ParallelismChanges.NONE.direction()).isEqualTo(Direction.NONE);
    }

    @Test
    void aVertexIsListedOnce() {
        assertThatThrownBy(() -> ParallelismChanges.of(change("a", 1, 2), change("a", 1, 3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("listed twice");
    }

    @Test
    void writesAndReadsOneJsonShapeWithTheVertexNames() throws Exception {
        ParallelismChanges changes = ParallelismChanges.of(
                new ParallelismChange(new VertexId("cbc357ccb763df2852fee8c4fc7d55f2"), "Source: orders", 1, 1),
                new ParallelismChange(new VertexId("90bea66de1c231edf33913ecd54406c1"), "count-per-key", 2, 3));

        String json = Json.mapper().writeValueAsString(changes);

        assertThat(json)
                .isEqualTo(
                        "[{\"vertex\":\"cbc357ccb763df2852fee8c4fc7d55f2\",\"name\":\"Source: orders\",\"from\":1,\"to\":1},"
                                + "{\"vertex\":\"90bea66de1c231edf33913ecd54406c1\",\"name\":\"count-per-key\",\"from\":2,\"to\":3}]");
        assertThat(Json.mapper().readValue(json, ParallelismChanges.class)).isEqualTo(changes);
    }
}
