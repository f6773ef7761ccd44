package dev.scalingadvisor.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scalingadvisor.alerting.fixtures.SampleEvents;
import dev.scalingadvisor.core.scaling.Direction;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EventTest {

    @Test
    void takesItsDirectionFromTheParallelismChange() {
        assertThat(SampleEvents.base(EventKind.RECOMMENDATION)
                        .parallelism(6, 4)
                        .build()
                        .direction())
                .isEqualTo(Direction.DOWN);
        assertThat(SampleEvents.base(EventKind.RECOMMENDATION)
                        .parallelism(4, 6)
                        .build()
                        .direction())
                .isEqualTo(Direction.UP);
        assertThat(SampleEvents.of(EventKind.FINDING).direction()).isEqualTo(Direction.NONE);
    }

    @Test
    void refusesADirectionThatContradictsTheChange() {
        assertThatThrownBy(() -> SampleEvents.base(EventKind.RECOMMENDATION)
                        .parallelism(4, 6)
                        .direction(Direction.DOWN)
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("direction down contradicts parallelism 4 -> 6");
    }

    @Test
    void refusesARecommendationWithoutParallelismAndAFindingWithoutText() {
        assertThatThrownBy(() -> SampleEvents.base(EventKind.RECOMMENDATION).build())
                .hasMessageContaining(
                        "recommendation event for job orders-enrichment needs current and target parallelism");
        assertThatThrownBy(() -> SampleEvents.base(EventKind.FINDING).build())
                .hasMessageContaining("finding event for job orders-enrichment needs the finding's text");
    }

    @Test
    void refusesABlankClusterOrJobName() {
        assertThatThrownBy(() -> Event.builder(
                                EventKind.RECOMMENDATION, SampleEvents.AT, " ", SampleEvents.JOB_ID, "orders")
                        .parallelism(1, 2)
                        .build())
                .hasMessageContaining("cluster");
        assertThatThrownBy(
                        () -> Event.builder(EventKind.RECOMMENDATION, SampleEvents.AT, "prod", SampleEvents.JOB_ID, "")
                                .parallelism(1, 2)
                                .build())
                .hasMessageContaining("jobName");
    }

    @Test
    void aRecommendationAndItsResolutionShareTheirDedupKey() {
        assertThat(SampleEvents.of(EventKind.RECOMMENDATION_RESOLVED).dedupKey())
                .isEqualTo(SampleEvents.of(EventKind.RECOMMENDATION).dedupKey())
                .isEqualTo("recommendation/prod-eu/3f6c0e6d2b9a4f1c8e7d5a4b3c2d1e0f");
        assertThat(SampleEvents.of(EventKind.RESCALE_FAILED).dedupKey())
                .isEqualTo("rescale-failed/prod-eu/3f6c0e6d2b9a4f1c8e7d5a4b3c2d1e0f");
    }

    @Test
    void itsIdIsStableForTheSameOccurrenceAndNewForTheNext() {
        Event first = SampleEvents.recommendation().build();

        assertThat(SampleEvents.recommendation().build().id())
                .isEqualTo(first.id())
                .matches("evt_[0-9a-f]{24}");
        assertThat(Event.builder(
                                EventKind.RECOMMENDATION,
                                SampleEvents.AT.plus(Duration.ofSeconds(15)),
                                SampleEvents.CLUSTER,
                                SampleEvents.JOB_ID,
                                SampleEvents.JOB_NAME)
                        .parallelism(4, 6)
                        .build()
                        .id())
                .isNotEqualTo(first.id());
    }

    @Test
    void keepsNoReferenceToTheBuildersLists() {
        Event.Builder builder = SampleEvents.recommendation();
        Event event = builder.build();
        builder.guard("late", true, "added after build");

        assertThat(event.guards()).isEmpty();
    }
}
