package dev.scalingadvisor.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scalingadvisor.alerting.fixtures.SampleEvents;
import dev.scalingadvisor.core.job.ClusterName;
import dev.scalingadvisor.core.outcome.EventKind;
import dev.scalingadvisor.core.outcome.Severity;
import dev.scalingadvisor.core.scaling.Direction;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EventTest {

    @Test
    void takesItsDirectionFromTheParallelismChange() {
        assertThat(SampleEvents.base(EventKind.RECOMMENDATION)
                        .changes(SampleEvents.change(6, 4))
                        .build()
                        .direction())
                .isEqualTo(Direction.DOWN);
        assertThat(SampleEvents.base(EventKind.RECOMMENDATION)
                        .changes(SampleEvents.change(4, 6))
                        .build()
                        .direction())
                .isEqualTo(Direction.UP);
        assertThat(SampleEvents.of(EventKind.FINDING).direction()).isEqualTo(Direction.NONE);
    }

    @Test
    void refusesARecommendationWithoutParallelismAndAFindingWithoutText() {
        assertThatThrownBy(() -> SampleEvents.base(EventKind.RECOMMENDATION).build())
                .hasMessageContaining("recommendation event for job orders-enrichment needs the vertices it changes");
        assertThatThrownBy(() -> SampleEvents.base(EventKind.FINDING).build())
                .hasMessageContaining("finding event for job orders-enrichment needs the finding's text");
    }

    @Test
    void refusesABlankClusterOrJobName() {
        assertThatThrownBy(() -> new ClusterName(" ")).hasMessageContaining("cluster name");
        assertThatThrownBy(() -> Event.builder(
                                EventKind.RECOMMENDATION,
                                SampleEvents.AT,
                                Optional.of(new ClusterName("prod")),
                                SampleEvents.JOB_ID,
                                "")
                        .changes(SampleEvents.change(1, 2))
                        .build())
                .hasMessageContaining("jobName");
    }

    @Test
    void aJobNoConfiguredClusterReportsIsNamedDefaultInItsMessages() {
        Event event = Event.builder(
                        EventKind.RECOMMENDATION, SampleEvents.AT, Optional.empty(), SampleEvents.JOB_ID, "orders")
                .changes(SampleEvents.change(1, 2))
                .build();

        assertThat(event.clusterSpelling()).isEqualTo("default");
        assertThat(event.dedupKey()).isEqualTo("recommendation/default/3f6c0e6d2b9a4f1c8e7d5a4b3c2d1e0f");
    }

    @Test
    void aRescaleFailureIsCriticalUnlessItsSourceSaysOtherwise() {
        assertThat(SampleEvents.of(EventKind.RESCALE_FAILED).severity()).isEqualTo(Severity.CRITICAL);
        assertThat(SampleEvents.recommendation(EventKind.RESCALE_FAILED)
                        .severity(Severity.WARNING)
                        .build()
                        .severity())
                .isEqualTo(Severity.WARNING);
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
        assertThat(SampleEvents.changeAt(EventKind.RECOMMENDATION, SampleEvents.AT.plus(Duration.ofSeconds(15)), 4, 6)
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
