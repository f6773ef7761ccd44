package dev.scalingadvisor.rules.rule;

import dev.scalingadvisor.core.yaml.SourceLocation;
import java.util.Objects;

/**
 * Where a rule was written, so that problems found later (Prometheus cannot parse its expression, its
 * results lack the job label) point at the line to fix.
 *
 * @param path the rule's path in its pack, {@code rules[2]}
 */
public record RuleOrigin(String pack, String path, SourceLocation rule, SourceLocation expr) {

    public RuleOrigin {
        Objects.requireNonNull(pack, "pack");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(expr, "expr");
    }

    /** For rules made in code (tests, benchmarks). */
    public static RuleOrigin inCode(String name) {
        SourceLocation here = SourceLocation.wholeFile("(in code: " + name + ")");
        return new RuleOrigin("(in code)", "rules[?]", here, here);
    }
}
