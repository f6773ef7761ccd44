package dev.scalingadvisor.testbed.e2e.observability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalingadvisor.testbed.prometheus.Promtool;
import dev.scalingadvisor.testbed.prometheus.PromtoolResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The advisor's own alert rules ({@code deploy/prometheus/advisor-alerts.yaml}) as Prometheus reads them:
 * {@code promtool check rules}, and {@code promtool test rules} on the cases beside them (each alert fires on its
 * condition at the time its {@code for:} says, and none fires on a healthy advisor). About 1 s.
 */
class AdvisorAlertRulesIT {

    static final Path RULES = Path.of("../../deploy/prometheus/advisor-alerts.yaml");
    private static final Path TESTS = Path.of("../../deploy/prometheus/advisor-alerts.test.yaml");

    @Test
    void promtoolAcceptsTheRuleFile() throws IOException {
        PromtoolResult check = Promtool.checkRules("advisor-alerts.yaml", Files.readString(RULES));

        assertThat(check.succeeded()).as(check.output()).isTrue();
        assertThat(check.stdout()).contains("SUCCESS: 11 rules found");
    }

    @Test
    void everyAlertFiresOnItsConditionAndNoneOnAHealthyAdvisor() throws IOException {
        String tests = Files.readString(TESTS);

        PromtoolResult result = Promtool.testRules(Map.of("advisor-alerts.yaml", Files.readString(RULES)), tests);

        assertThat(result.succeeded()).as(result.output()).isTrue();
        for (String alert : AlertRules.names(Files.readString(RULES))) {
            assertThat(tests).as("a promtool case for " + alert).contains("alertname: " + alert + "\n");
        }
    }
}
