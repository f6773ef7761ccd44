package dev.scalingadvisor.advisor.config;

import dev.scalingadvisor.actions.rescale.request.RescaleSettings;
import dev.scalingadvisor.rules.decision.ScalingSettings;
import java.util.Objects;

/**
 * The settings in force for one job: its mode, how it scales and how it is rescaled. The executor's
 * stabilization guard and the engine's stabilization are one idea with one setting,
 * {@code scaling.stabilization}: it is copied into the rescale settings here, once.
 */
public record JobSettings(Mode mode, ScalingSettings scaling, RescaleSettings rescale) {

    public JobSettings {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(scaling, "scaling");
        Objects.requireNonNull(rescale, "rescale");
        rescale =
                rescale.toBuilder().stabilizationPeriod(scaling.stabilization()).build();
    }
}
