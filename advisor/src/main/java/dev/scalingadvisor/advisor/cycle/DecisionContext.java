package dev.scalingadvisor.advisor.cycle;

import dev.scalingadvisor.actions.rescale.request.RequestContext;
import dev.scalingadvisor.rules.decision.Decision;
import java.util.Objects;
import java.util.Optional;

/** The decision a rescale carries out, attached to its request so that its events can explain themselves. */
record DecisionContext(Decision decision) implements RequestContext {

    DecisionContext {
        Objects.requireNonNull(decision, "decision");
    }

    /** The decision behind an event's rescale; empty for a rescale recovered from the journal. */
    static Optional<Decision> of(Optional<RequestContext> context) {
        return context.filter(DecisionContext.class::isInstance).map(c -> ((DecisionContext) c).decision());
    }
}
