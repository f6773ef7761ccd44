package dev.scalingadvisor.advisor.config;

import dev.scalingadvisor.actions.rescale.request.RescaleSettings;
import dev.scalingadvisor.core.settings.Option;
import dev.scalingadvisor.rules.decision.ScalingSettings;
import java.util.Objects;

/**
 * The settings in force for one job: its mode, how it scales and how it is rescaled. The executor's
 * stabilization guard and the engine's stabilization are one idea with one setting,
 * {@code scaling.stabilization}: it is copied into the rescale settings here, once.
 */
public record JobSettings(Mode mode, ScalingSettings scaling, RescaleSettings rescale) {

    public static final Option<JobSettings, Mode> MODE = Option.oneOf("mode", JobSettings::mode, Mode.RECOMMEND)
            .means(
                    "what the advisor does with a decision: observe (log it), recommend (send it to the notifiers; people"
                            + " act) or act (carry it out as a guarded rescale through the Flink REST API)");

    public JobSettings {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(scaling, "scaling");
        Objects.requireNonNull(rescale, "rescale");
        rescale = rescale.with(RescaleSettings.STABILIZATION_PERIOD, scaling.stabilization());
    }
}
