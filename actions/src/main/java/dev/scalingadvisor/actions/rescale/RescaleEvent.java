package dev.scalingadvisor.actions.rescale;

import dev.scalingadvisor.core.scaling.ParallelismChanges;
import java.time.Instant;
import java.util.Objects;

/**
 * Something that happened to a rescale, in order: {@link Started} (or {@link Resumed} after a restart),
 * possibly {@link SavepointTaken}, and finally one {@link RescaleOutcome}.
 */
public sealed interface RescaleEvent
        permits RescaleEvent.Started, RescaleEvent.Resumed, RescaleEvent.SavepointTaken, RescaleOutcome {

    RescaleSubject subject();

    Instant at();

    RescaleEventKind kind();

    /** The guards passed and the rescale begins; {@code changes} are the vertices it changes. */
    record Started(RescaleSubject subject, Instant at, ParallelismChanges changes) implements RescaleEvent {
        public Started {
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(changes, "changes");
        }

        @Override
        public RescaleEventKind kind() {
            return RescaleEventKind.STARTED;
        }
    }

    /** The advisor picked up a rescale the journal held open, in state {@code from}. */
    record Resumed(RescaleSubject subject, Instant at, OperationState from) implements RescaleEvent {
        public Resumed {
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(from, "from");
        }

        @Override
        public RescaleEventKind kind() {
            return RescaleEventKind.RESUMED;
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
        public RescaleEventKind kind() {
            return RescaleEventKind.SAVEPOINT_TAKEN;
        }
    }
}
