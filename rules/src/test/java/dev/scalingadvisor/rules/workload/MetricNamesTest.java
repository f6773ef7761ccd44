package dev.scalingadvisor.rules.workload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalingadvisor.rules.query.JobLabels;
import dev.scalingadvisor.rules.rule.Rule;
import dev.scalingadvisor.rules.rule.RulePackLoader;
import dev.scalingadvisor.rules.rule.RulePackSource;
import dev.scalingadvisor.testbed.metrics.FlinkMetrics;
import dev.scalingadvisor.testbed.metrics.KafkaSourceMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every Flink metric the default pack and the workload queries read is one Flink 1.20.1's reporter really
 * exports: the testbed's catalogues, which its {@code MetricNamesIT} and {@code KafkaJobIT} check against a
 * running cluster.
 */
class MetricNamesTest {

    private static final Pattern METRIC = Pattern.compile("\\bflink_[A-Za-z0-9_:]+");

    @Test
    void theDefaultPackAndTheWorkloadQueriesReadOnlyMetricsFlinkExports() {
        List<String> queries = new ArrayList<>();
        RulePackLoader.load(List.of(RulePackSource.Builtin.DEFAULT)).rules().stream()
                .map(Rule::expr)
                .forEach(queries::add);
        WorkloadQueries workload = new WorkloadQueries(JobLabels.DEFAULTS, Duration.ofMinutes(2));
        queries.addAll(List.of(workload.vertexQuery(), workload.jobQuery(), workload.historyQuery()));

        Set<String> names = new TreeSet<>();
        for (String query : queries) {
            Matcher m = METRIC.matcher(query);
            while (m.find()) {
                names.add(m.group());
            }
        }

        assertThat(names)
                .hasSizeGreaterThan(8)
                .allSatisfy(name -> assertThat(FlinkMetrics.named(name).isPresent()
                                || KafkaSourceMetrics.all().stream()
                                        .anyMatch(m -> m.name().equals(name)))
                        .as(name + " is in the testbed's catalogues of Flink 1.20.1 and Kafka source metrics"
                                + " (docs/metrics.md)")
                        .isTrue());
    }
}
