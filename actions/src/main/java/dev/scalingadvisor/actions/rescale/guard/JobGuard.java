package dev.scalingadvisor.actions.rescale.guard;

import java.util.Optional;

/** A pre-flight check on the job and its cluster as Flink reports them. */
@FunctionalInterface
public interface JobGuard {

    Optional<Refusal> check(PreflightFacts facts);
}
