package dev.scalingadvisor.testbed.e2e.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.scalingadvisor.testbed.prometheus.InstantSample;
import dev.scalingadvisor.testbed.prometheus.PrometheusQueries;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The demo's rule pack read the way a test needs it: each rule's expression, threshold and clear value, to be
 * evaluated against the real Prometheus for one job, as the advisor's rules would see that job.
 */
record DemoRulePack(List<Rule> rules) {

    /** One rule of the pack: fires {@code above} (or below) {@code threshold}, clears at {@code clear}. */
    record Rule(String name, String direction, String expr, boolean above, double threshold, double clear) {

        /** The rule's value for one job right now, if Prometheus has it. */
        OptionalDouble valueFor(PrometheusQueries prometheus, String jobId) {
            for (InstantSample sample : prometheus.instant(expr)) {
                if (jobId.equals(sample.labels().get("job_id")) && !Double.isNaN(sample.value())) {
                    return OptionalDouble.of(sample.value());
                }
            }
            return OptionalDouble.empty();
        }

        boolean firing(double value) {
            return above ? value > threshold : value < threshold;
        }

        /** Past the clear value: a firing rule would stop, a quiet one is quiet with margin. */
        boolean quiet(double value) {
            return above ? value < clear : value > clear;
        }
    }

    static DemoRulePack load() {
        try (InputStream in = DemoRulePack.class.getResourceAsStream(DemoAdvisorConfig.RULE_PACK)) {
            List<Rule> rules = new ArrayList<>();
            for (JsonNode rule : new YAMLMapper().readTree(in).path("rules")) {
                boolean above = rule.has("above");
                double threshold = rule.path(above ? "above" : "below").asDouble();
                rules.add(new Rule(
                        rule.path("name").asText(),
                        rule.path("direction").asText(),
                        rule.path("expr").asText(),
                        above,
                        threshold,
                        rule.path("clear").asDouble(threshold)));
            }
            return new DemoRulePack(rules);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Rule rule(String name) {
        return rules.stream()
                .filter(r -> r.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the demo pack has no rule " + name));
    }

    /** Every rule's value for the job, by rule name ({@code NaN} where Prometheus has none). */
    Map<String, Double> valuesFor(PrometheusQueries prometheus, String jobId) {
        Map<String, Double> values = new LinkedHashMap<>();
        rules.forEach(
                rule -> values.put(rule.name(), rule.valueFor(prometheus, jobId).orElse(Double.NaN)));
        return values;
    }
}
