package dev.scalingadvisor.advisor.config;

import dev.scalingadvisor.actions.rescale.request.RescaleSettings;
import dev.scalingadvisor.rules.decision.ScalingSettings;
import java.util.Objects;

/** The settings in force for one job: its mode, how it scales and how it is rescaled. */
public record JobSettings(Mode mode, ScalingSettings scaling, RescaleSettings rescale) {

    public JobSettings {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(scaling, "scaling");
        Objects.requireNonNull(rescale, "rescale");
    }
}
