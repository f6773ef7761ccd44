package dev.scalingadvisor.alerting;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A rule whose condition held long enough to count: what it measured, against which threshold, for how
 * long, and where to see it in Prometheus.
 *
 * @param name       the rule's name in its rule pack, e.g. {@code backpressure}
 * @param vertex     the vertex it fired on, by display name, when the rule is per vertex
 * @param value      the measured value when the event was made
 * @param comparison how {@code value} was compared with {@code threshold}
 * @param threshold  the rule's threshold
 * @param unit       the value's unit for display ({@code ms/s}, {@code records/s}), when it has one
 * @param heldFor    how long the condition had held
 * @param expression the PromQL expression, when known
 * @param graphUrl   a Prometheus graph link for {@code expression}
 */
public record FiredRule(
        String name,
        Optional<String> vertex,
        double value,
        Comparison comparison,
        double threshold,
        Optional<String> unit,
        Duration heldFor,
        Optional<String> expression,
        Optional<URI> graphUrl) {

    public FiredRule {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(vertex, "vertex");
        Objects.requireNonNull(comparison, "comparison");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(heldFor, "heldFor");
        Objects.requireNonNull(expression, "expression");
        Objects.requireNonNull(graphUrl, "graphUrl");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a fired rule needs a name");
        }
        if (!Double.isFinite(value) || !Double.isFinite(threshold)) {
            throw new IllegalArgumentException("rule " + name + ": value and threshold must be finite numbers");
        }
        if (heldFor.isNegative()) {
            throw new IllegalArgumentException("rule " + name + ": heldFor must not be negative");
        }
    }

    /** A rule on the whole job, without vertex, unit, expression or link; add those with the {@code with…} methods. */
    public static FiredRule of(String name, double value, Comparison comparison, double threshold, Duration heldFor) {
        return new FiredRule(
                name,
                Optional.empty(),
                value,
                comparison,
                threshold,
                Optional.empty(),
                heldFor,
                Optional.empty(),
                Optional.empty());
    }

    public FiredRule onVertex(String vertexName) {
        return new FiredRule(
                name, Optional.of(vertexName), value, comparison, threshold, unit, heldFor, expression, graphUrl);
    }

    public FiredRule withUnit(String unitName) {
        return new FiredRule(
                name, vertex, value, comparison, threshold, Optional.of(unitName), heldFor, expression, graphUrl);
    }

    /** The expression and its Prometheus graph link (see {@link EventLinks#prometheusGraph}). */
    public FiredRule withExpression(String promql, URI graph) {
        return new FiredRule(
                name, vertex, value, comparison, threshold, unit, heldFor, Optional.of(promql), Optional.of(graph));
    }
}
