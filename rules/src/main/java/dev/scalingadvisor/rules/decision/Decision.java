package dev.scalingadvisor.rules.decision;

import dev.scalingadvisor.core.scaling.Direction;
import dev.scalingadvisor.core.scaling.ParallelismChange;
import dev.scalingadvisor.core.scaling.ParallelismChanges;
import dev.scalingadvisor.rules.explain.Explanation;
import java.util.Objects;

/**
 * What the engine decided for one job in one cycle, explained. For {@code up} and {@code down} the changes
 * say exactly which vertices go where (in-place rescaling and savepoint redeploys can both set parallelism
 * per vertex); their {@link ParallelismChanges#headline() headline} is the "from → to" people read.
 *
 * @param parallelism the job's parallelism now (its widest vertex); 0 when unknown
 * @param changes     the vertices that change, in topology order; empty for {@code none}
 */
public record Decision(Direction direction, int parallelism, ParallelismChanges changes, Explanation explanation) {

    public Decision {
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(changes, "changes");
        Objects.requireNonNull(explanation, "explanation");
        if (direction == Direction.NONE && !changes.isEmpty()) {
            throw new IllegalArgumentException("a decision without direction changes nothing");
        }
        if (direction != Direction.NONE && !changes.changesAny()) {
            throw new IllegalArgumentException("a " + direction.spelling() + " decision names the vertices it changes");
        }
        for (ParallelismChange change : changes.vertices()) {
            if (change.direction() != direction) {
                throw new IllegalArgumentException("vertex " + change + " does not go " + direction.spelling());
            }
        }
    }

    public static Decision none(int parallelism, Explanation explanation) {
        return new Decision(Direction.NONE, parallelism, ParallelismChanges.NONE, explanation);
    }

    /** The parallelism a headline shows before the change: the headline vertex's, or the job's for {@code none}. */
    public int currentParallelism() {
        return direction == Direction.NONE ? parallelism : changes.headline().from();
    }

    /** The parallelism a headline shows after the change; equals {@link #currentParallelism()} for {@code none}. */
    public int targetParallelism() {
        return direction == Direction.NONE ? parallelism : changes.headline().to();
    }
}
