package dev.scalingadvisor.advisor.config;

import dev.scalingadvisor.rules.query.JobLabels;
import dev.scalingadvisor.rules.rule.RulePackSource;
import java.util.List;
import java.util.Objects;

/** Which rule packs to evaluate and which labels identify jobs and vertices in their results. */
public record RulesSettings(List<RulePackSource> packs, JobLabels labels) {

    public RulesSettings {
        packs = List.copyOf(packs);
        Objects.requireNonNull(labels, "labels");
        if (packs.isEmpty()) {
            throw new IllegalArgumentException("at least one rule pack is needed");
        }
    }
}
