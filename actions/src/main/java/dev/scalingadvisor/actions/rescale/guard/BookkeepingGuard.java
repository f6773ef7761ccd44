package dev.scalingadvisor.actions.rescale.guard;

import java.util.Optional;

/** A pre-flight check on what the advisor knows itself, made before Flink is asked anything. */
@FunctionalInterface
public interface BookkeepingGuard {

    Optional<Refusal> check(Bookkeeping facts);
}
