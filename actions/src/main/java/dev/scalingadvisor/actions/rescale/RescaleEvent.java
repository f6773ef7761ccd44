package dev.scalingadvisor.actions.rescale;

import dev.scalingadvisor.actions.rescale.request.ParallelismChange;
import dev.scalingadvisor.core.job.VertexId;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Something that happened to a rescale, in order: {@link Started} (or {@link Resumed} after a restart),
 * possibly {@link SavepointTaken}, and finally one {@link RescaleOutcome}.
 */
public sealed interface RescaleEvent
        permits RescaleEvent.Started, RescaleEvent.Resumed, RescaleEvent.SavepointTaken, RescaleOutcome {

    RescaleSubject subject();

    Instant at();

    /** The event's name in notifications and history rows, e.g. {@code rescale-succeeded}. */
    String kind();

    /** The guards passed and the rescale begins; {@code vertices} are the changes it makes. */
    record Started(RescaleSubject subject, Instant at, Map<VertexId, ParallelismChange> vertices)
            implements RescaleEvent {
        public Started {
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(at, "at");
            vertices = Map.copyOf(vertices);
        }

        @Override
        public String kind() {
            return "rescale-started";
        }
    }

    /** After a restart of the advisor, recovery picked up an unfinished rescale in state {@code from}. */
    record Resumed(RescaleSubject subject, Instant at, OperationState from) implements RescaleEvent {
        public Resumed {
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(from, "from");
        }

        @Override
        public String kind() {
            return "rescale-resumed";
        }
    }

    /**
     * The savepoint completed and its path is in the journal; the job is stopping. Sent before the
     * resubmission, so the path is known outside the advisor whatever happens next.
     */
    record SavepointTaken(RescaleSubject subject, Instant at, String location) implements RescaleEvent {
        public SavepointTaken {
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(location, "location");
        }

        @Override
        public String kind() {
            return "savepoint-taken";
        }
    }
}
