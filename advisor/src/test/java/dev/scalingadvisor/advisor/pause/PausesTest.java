package dev.scalingadvisor.advisor.pause;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalingadvisor.advisor.state.StateDatabase;
import dev.scalingadvisor.core.job.JobId;
import dev.scalingadvisor.core.job.JobNamePattern;
import dev.scalingadvisor.core.job.JobRef;
import dev.scalingadvisor.core.schema.VersionedSchema;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PausesTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final JobRef ORDERS = new JobRef(new JobId("a1b2"), "orders-v2");
    private static final JobRef PAYMENTS = new JobRef(new JobId("c3d4"), "payments");

    @TempDir
    Path dir;

    @Test
    void aPauseHoldsTheJobsItsPatternMatchesWholeByNameOrIdUntilItEnds() throws Exception {
        try (StateDatabase db = StateDatabase.open(dir.resolve("advisor.db"))) {
            Pauses pauses = new Pauses(db.connection());

            pauses.add(new Pause(JobNamePattern.of("orders.*"), T0, Optional.of(T0.plus(Duration.ofHours(2)))));
            pauses.add(new Pause(JobNamePattern.of("c3d4"), T0, Optional.empty()));

            assertThat(pauses.pausing(ORDERS, T0.plusSeconds(60))).isPresent();
            assertThat(pauses.pausing(new JobRef(new JobId("e5"), "my-orders-v2"), T0.plusSeconds(60)))
                    .as("the pattern matches the whole name, as Prometheus' matchers do")
                    .isEmpty();
            assertThat(pauses.pausing(PAYMENTS, T0.plusSeconds(60))).as("by id").isPresent();
            assertThat(pauses.pausing(ORDERS, T0.plus(Duration.ofHours(2))))
                    .as("ended by itself")
                    .isEmpty();
            assertThat(pauses.holding(T0.plus(Duration.ofHours(3))))
                    .extracting(Pause::pattern)
                    .containsExactly("c3d4");
        }
    }

    @Test
    void pausesSurviveARestartAndResumeEndsExactlyThePatternGivenOrAll() throws Exception {
        Path file = dir.resolve("advisor.db");
        try (StateDatabase db = StateDatabase.open(file)) {
            Pauses pauses = new Pauses(db.connection());
            pauses.add(new Pause(JobNamePattern.of(".*"), T0, Optional.empty()));
            pauses.add(new Pause(JobNamePattern.of("orders.*"), T0, Optional.empty()));
        }

        try (StateDatabase db = StateDatabase.open(file)) {
            Pauses pauses = new Pauses(db.connection());
            assertThat(pauses.holding(T0)).extracting(Pause::pattern).containsExactly(".*", "orders.*");
            assertThat(VersionedSchema.versionOf(db.connection(), "job_pause")).isEqualTo(1);

            assertThat(pauses.remove(Optional.of("orders.*"), T0))
                    .extracting(Pause::pattern)
                    .containsExactly("orders.*");
            assertThat(pauses.pausing(ORDERS, T0))
                    .as("still held by the pause of every job")
                    .hasValueSatisfying(p -> assertThat(p.pattern()).isEqualTo(".*"));
            assertThat(pauses.remove(Optional.of("nothing"), T0)).isEmpty();

            assertThat(pauses.remove(Optional.empty(), T0))
                    .extracting(Pause::pattern)
                    .containsExactly(".*");
            assertThat(pauses.holding(T0)).isEmpty();
        }
    }

    @Test
    void pausingThePatternAgainReplacesItsEnd() throws Exception {
        try (StateDatabase db = StateDatabase.open(dir.resolve("advisor.db"))) {
            Pauses pauses = new Pauses(db.connection());
            pauses.add(new Pause(JobNamePattern.of("orders.*"), T0, Optional.of(T0.plusSeconds(600))));

            pauses.add(new Pause(JobNamePattern.of("orders.*"), T0.plusSeconds(300), Optional.empty()));

            assertThat(pauses.holding(T0.plusSeconds(3600)))
                    .singleElement()
                    .satisfies(p -> assertThat(p.until()).isEmpty());
        }
    }
}
