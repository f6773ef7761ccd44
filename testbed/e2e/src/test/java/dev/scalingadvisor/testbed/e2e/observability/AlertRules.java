package dev.scalingadvisor.testbed.e2e.observability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The alerts of a Prometheus rule file, by name. */
final class AlertRules {

    private AlertRules() {}

    /** Each alert's expression, by alert name, in file order. */
    static Map<String, String> expressions(String rulesYaml) {
        try {
            Map<String, String> alerts = new LinkedHashMap<>();
            for (JsonNode group : new YAMLMapper().readTree(rulesYaml).path("groups")) {
                for (JsonNode rule : group.path("rules")) {
                    if (rule.has("alert")) {
                        alerts.put(
                                rule.path("alert").asText(), rule.path("expr").asText());
                    }
                }
            }
            return alerts;
        } catch (IOException e) {
            throw new UncheckedIOException("not a rule file", e);
        }
    }

    static List<String> names(String rulesYaml) {
        return List.copyOf(expressions(rulesYaml).keySet());
    }
}
