package dev.scalingadvisor.rules.evaluation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scalingadvisor.core.json.Json;
import dev.scalingadvisor.core.text.ValueText;
import dev.scalingadvisor.rules.decision.Decision;
import dev.scalingadvisor.rules.decision.Finding;
import dev.scalingadvisor.rules.explain.Reason;
import java.util.List;

/**
 * A cycle's outcome for people ({@link #text}) and programs ({@link #json}): each job's rules with state and
 * value, its decision with the explanation, its findings. The JSON field names are a contract:
 * {@code jobs[].jobId}, {@code jobs[].jobName}, {@code jobs[].rules[].name|state|value},
 * {@code jobs[].decision.direction|currentParallelism|targetParallelism|explanation} (plus the structured
 * {@code decision.reasons}, {@code decision.vertices} and {@code findings}).
 */
public final class EvaluationReport {

    private static final ObjectMapper JSON = Json.mapper();

    private static final TypeReference<List<Reason>> REASONS = new TypeReference<>() {};
    private static final TypeReference<List<Finding>> FINDINGS = new TypeReference<>() {};

    private EvaluationReport() {}

    /** Through the declared element type, so that each element says which kind of reason or finding it is. */
    private static <T> JsonNode tree(TypeReference<List<T>> type, List<T> values) {
        try {
            return JSON.readTree(JSON.writerFor(type).writeValueAsString(values));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the report cannot be written as JSON", e);
        }
    }

    public static String json(CycleEvaluation cycle) {
        ObjectNode root = JSON.createObjectNode();
        root.put("at", cycle.at().toString());
        ObjectNode prometheus = root.putObject("prometheus");
        prometheus.put("queries", cycle.prometheus().queries());
        prometheus.put("answered", cycle.prometheus().answered());
        cycle.prometheus().problems().forEach(prometheus.putArray("problems")::add);
        ArrayNode ruleProblems = root.putArray("ruleProblems");
        cycle.ruleProblems().forEach(p -> ruleProblems.add(p.toString()));
        ArrayNode jobs = root.putArray("jobs");
        for (JobEvaluation job : cycle.jobs()) {
            ObjectNode j = jobs.addObject();
            j.put("jobId", job.job().id().value());
            j.put("jobName", job.job().name());
            j.put("phase", job.phase().spelling());
            ArrayNode rules = j.putArray("rules");
            for (RuleReport rule : job.rules()) {
                ObjectNode r = rules.addObject();
                r.put("name", rule.name().value());
                r.put("direction", rule.direction().spelling());
                r.put("state", rule.state().spelling());
                if (rule.value().isPresent()) {
                    r.put("value", rule.value().get());
                } else {
                    r.putNull("value");
                }
                rule.vertex().ifPresent(v -> r.put("vertex", v));
                rule.since().ifPresent(s -> r.put("since", s.toString()));
                rule.reason().ifPresent(reason -> r.put("reason", reason));
            }
            Decision decision = job.decision();
            ObjectNode d = j.putObject("decision");
            d.put("direction", decision.direction().spelling());
            d.put("currentParallelism", decision.currentParallelism());
            d.put("targetParallelism", decision.targetParallelism());
            d.set("vertices", JSON.valueToTree(decision.changes()));
            d.put("explanation", decision.explanation().render());
            d.set("reasons", tree(REASONS, decision.explanation().reasons()));
            j.set("findings", tree(FINDINGS, job.findings()));
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the report cannot be written as JSON", e);
        }
    }

    public static String text(CycleEvaluation cycle) {
        StringBuilder out = new StringBuilder();
        out.append("evaluated at ")
                .append(cycle.at())
                .append(": ")
                .append(cycle.jobs().size())
                .append(" job(s), ")
                .append(cycle.prometheus().queries())
                .append(" queries");
        cycle.prometheus().problem().ifPresent(p -> out.append("\nPrometheus: ").append(p));
        cycle.ruleProblems().forEach(p -> out.append("\nrule problem: ").append(p));
        for (JobEvaluation job : cycle.jobs()) {
            Decision decision = job.decision();
            out.append("\n\njob ")
                    .append(job.job().name())
                    .append(" (")
                    .append(job.job().id())
                    .append("): ")
                    .append(job.phase().spelling())
                    .append(", decision ")
                    .append(decision.direction().spelling());
            if (!decision.changes().isEmpty()) {
                out.append(" ")
                        .append(decision.currentParallelism())
                        .append(" → ")
                        .append(decision.targetParallelism())
                        .append(" (")
                        .append(decision.changes())
                        .append(")");
            } else if (decision.currentParallelism() > 0) {
                out.append(" at parallelism ").append(decision.currentParallelism());
            }
            for (RuleReport rule : job.rules()) {
                out.append("\n  rule ")
                        .append(rule.name())
                        .append(": ")
                        .append(rule.state().spelling())
                        .append(rule.value().map(v -> " " + ValueText.of(v)).orElse(""))
                        .append(rule.vertex().map(v -> " at " + v).orElse(""))
                        .append(rule.reason().map(r -> " (" + r + ")").orElse(""));
            }
            for (String line : decision.explanation().render().split("\n")) {
                if (!line.isEmpty()) {
                    out.append("\n  - ").append(line);
                }
            }
            for (Finding finding : job.findings()) {
                out.append("\n  finding ").append(finding.kind()).append(": ").append(finding.text());
            }
        }
        return out.append('\n').toString();
    }
}
