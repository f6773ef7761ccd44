package dev.scalingadvisor.actions.rescale;

import dev.scalingadvisor.actions.flink.FlinkRestClient;
import dev.scalingadvisor.actions.flink.RestCall;
import dev.scalingadvisor.actions.rescale.guard.PreflightFacts;
import dev.scalingadvisor.actions.rescale.guard.Refusal;
import dev.scalingadvisor.actions.rescale.request.RescaleStrategy;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The one contract of a rescale strategy: check what only it needs, show the calls it would make, carry out
 * a journaled plan, and finish a plan a crash interrupted. One class per strategy implements it.
 */
interface Rescaler {

    RescaleStrategy strategy();

    /** The strategy's own pre-flight (scheduler, jar, savepoint directory); changes nothing on the cluster. */
    Preparation prepare(PreflightFacts facts, FlinkRestClient client);

    /** The REST calls {@link #execute} would make for {@code plan}, in order, for a dry run. */
    List<RestCall> dryRun(RescalePlan plan, FlinkRestClient client);

    /** Carries out a plan the journal holds in state STARTED. */
    RescaleOutcome execute(RescaleRun run) throws InterruptedException;

    /** Finishes, or rolls back, an operation the journal holds open, from the state it recorded. */
    RescaleOutcome resume(RescaleRun run, JournalEntry entry) throws InterruptedException;

    /** The end of {@link #prepare}. */
    sealed interface Preparation {
        /** The strategy cannot rescale this job as configured. */
        record Refused(Refusal refusal) implements Preparation {
            public Refused {
                Objects.requireNonNull(refusal, "refusal");
            }
        }

        /** Ready; savepoint-redeploy has resolved how to resubmit. */
        record Ready(Optional<JarSubmission> jar) implements Preparation {
            public Ready {
                Objects.requireNonNull(jar, "jar");
            }
        }
    }
}
