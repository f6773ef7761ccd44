package dev.scalingadvisor.actions.rescale.guard;

import dev.scalingadvisor.actions.rescale.request.PreflightGuard;
import java.util.Objects;
import java.util.Optional;

/** A guard's "no", with a reason a person can act on. */
public record Refusal(PreflightGuard guard, String reason) {

    public Refusal {
        Objects.requireNonNull(guard, "guard");
        Objects.requireNonNull(reason, "reason");
    }

    public static Optional<Refusal> of(PreflightGuard guard, String reason) {
        return Optional.of(new Refusal(guard, reason));
    }
}
