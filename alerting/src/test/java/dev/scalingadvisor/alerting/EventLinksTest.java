package dev.scalingadvisor.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalingadvisor.core.job.JobId;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EventLinksTest {

    @Test
    void linksTheJobsOverviewInTheFlinkWebUi() {
        assertThat(EventLinks.flinkJobPage(
                        URI.create("https://flink.example.com/"), new JobId("3f6c0e6d2b9a4f1c8e7d5a4b3c2d1e0f")))
                .hasToString("https://flink.example.com/#/job/running/3f6c0e6d2b9a4f1c8e7d5a4b3c2d1e0f/overview");
    }

    @Test
    void linksAnExpressionInPrometheusGraphViewEncodedAsPrometheusReadsIt() {
        URI link = EventLinks.prometheusGraph(
                URI.create("http://prometheus:9090/prom"),
                "sum by (job_id) (rate(flink_records_in{job_name=~\"orders.+\"}[5m])) > 1e3",
                Duration.ofMinutes(90));

        assertThat(link)
                .hasToString("http://prometheus:9090/prom/graph?g0.expr="
                        + "sum%20by%20%28job_id%29%20%28rate%28flink_records_in%7Bjob_name%3D%7E%22orders.%2B%22%7D%5B5m%5D%29%29%20%3E%201e3"
                        + "&g0.tab=0&g0.range_input=1h30m");
        assertThat(link.getQuery())
                .startsWith("g0.expr=sum by (job_id) (rate(flink_records_in{job_name=~\"orders.+\"}[5m])) > 1e3&");
    }

    @Test
    void aLinkCarriesNoTokenOrCredentialsOfTheBaseUrl() {
        URI flink = EventLinks.flinkJobPage(
                URI.create("https://ops:s3cret@flink.example.com:8443/ui/?access_token=abc123#x"),
                new JobId("3f6c0e6d2b9a4f1c8e7d5a4b3c2d1e0f"));
        URI prometheus = EventLinks.prometheusGraph(
                URI.create("http://prometheus:9090/prom?token=abc123"), "up", Duration.ofMinutes(5));

        assertThat(flink)
                .hasToString(
                        "https://flink.example.com:8443/ui/#/job/running/3f6c0e6d2b9a4f1c8e7d5a4b3c2d1e0f/overview");
        assertThat(prometheus.toString())
                .startsWith("http://prometheus:9090/prom/graph?g0.expr=up&")
                .doesNotContain("abc123");
    }
}
