package dev.scalingadvisor.benchmarks;

import dev.scalingadvisor.rules.query.JobLabels;
import dev.scalingadvisor.rules.rule.Rule;
import dev.scalingadvisor.rules.rule.RulePack;
import dev.scalingadvisor.rules.workload.WorkloadQueries;
import java.time.Duration;
import java.util.Map;
import java.util.function.IntToDoubleFunction;

/**
 * What Prometheus would answer for a {@link Fleet}, rendered once as JSON per query: each rule's one series
 * per job, and the workload queries' statistics per vertex and per job.
 */
final class CannedAnswers {

    /** Far ahead of any evaluation instant: canned samples never go stale however long a benchmark runs. */
    private static final double FRESH_FOREVER = 4_102_444_800.0; // 2100-01-01

    private CannedAnswers() {}

    static void install(CannedPrometheus server, Fleet fleet, RulePack pack) {
        for (Rule rule : pack.rules()) {
            server.answer(rule.expr(), perJob(fleet, valueOf(rule.name().value())));
        }
        WorkloadQueries workload = new WorkloadQueries(JobLabels.DEFAULTS, Duration.ofMinutes(2));
        server.answer(workload.vertexQuery(), vertices(fleet));
        server.answer(workload.jobQuery(), jobs(fleet));
    }

    private static IntToDoubleFunction valueOf(String rule) {
        return switch (rule) {
            case "backpressure" ->
                job -> Fleet.VERTICES.stream()
                        .mapToDouble(v -> Fleet.backpressure(job, v.suffix()))
                        .max()
                        .orElse(0);
            case "cpu" -> job -> 0.45;
            case "lag" -> job -> 0;
            case "busy-low", "busy-high" ->
                job -> Fleet.VERTICES.stream()
                        .mapToDouble(v -> Fleet.busy(job, v.suffix()))
                        .max()
                        .orElse(0);
            case "idle-high" ->
                job -> Fleet.VERTICES.stream()
                        .mapToDouble(v -> 1000 - Fleet.busy(job, v.suffix()) - Fleet.backpressure(job, v.suffix()))
                        .min()
                        .orElse(0);
            default -> throw new IllegalArgumentException("no canned values for rule " + rule);
        };
    }

    private static String perJob(Fleet fleet, IntToDoubleFunction value) {
        StringBuilder json = start();
        for (int job = 0; job < fleet.jobs(); job++) {
            series(json, Map.of("job_id", Fleet.jobId(job), "job_name", Fleet.jobName(job)), value.applyAsDouble(job));
        }
        return end(json);
    }

    private static String vertices(Fleet fleet) {
        StringBuilder json = start();
        for (int job = 0; job < fleet.jobs(); job++) {
            for (Fleet.VertexShape v : Fleet.VERTICES) {
                Map<String, String> labels = Fleet.taskLabels(job, v, 0);
                double busy = Fleet.busy(job, v.suffix());
                stat(json, labels, "busy_avg", busy);
                stat(json, labels, "busy_max", busy);
                stat(json, labels, "backpressure_avg", Fleet.backpressure(job, v.suffix()));
                stat(json, labels, "subtasks", v.parallelism());
                stat(json, labels, "oldest_sample", FRESH_FOREVER);
                stat(json, labels, "records_in", 500.0 * v.parallelism());
                stat(json, labels, "records_out", 500.0 * v.parallelism());
            }
        }
        return end(json);
    }

    private static String jobs(Fleet fleet) {
        StringBuilder json = start();
        for (int job = 0; job < fleet.jobs(); job++) {
            Map<String, String> labels = Map.of("job_id", Fleet.jobId(job), "job_name", Fleet.jobName(job));
            stat(json, labels, "uptime_ms", 86_400_000);
            stat(json, labels, "host_cpu_min", 0.45);
        }
        return end(json);
    }

    private static void stat(StringBuilder json, Map<String, String> labels, String stat, double value) {
        Map<String, String> all = new java.util.LinkedHashMap<>();
        all.put("job_id", labels.get("job_id"));
        all.put("job_name", labels.get("job_name"));
        if (labels.containsKey("task_id")) {
            all.put("task_id", labels.get("task_id"));
            all.put("task_name", labels.get("task_name"));
        }
        all.put(WorkloadQueries.STAT_LABEL, stat);
        series(json, all, value);
    }

    private static StringBuilder start() {
        return new StringBuilder("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[");
    }

    private static void series(StringBuilder json, Map<String, String> labels, double value) {
        if (json.charAt(json.length() - 1) != '[') {
            json.append(',');
        }
        json.append("{\"metric\":{");
        boolean first = true;
        for (Map.Entry<String, String> label : labels.entrySet()) {
            json.append(first ? "" : ",")
                    .append('"')
                    .append(label.getKey())
                    .append("\":\"")
                    .append(label.getValue())
                    .append('"');
            first = false;
        }
        json.append("},\"value\":[1748736000,\"").append(value).append("\"]}");
    }

    private static String end(StringBuilder json) {
        return json.append("]}}").toString();
    }
}
