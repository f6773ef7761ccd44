package dev.scalingadvisor.rules.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalingadvisor.core.http.HttpEndpoint;
import dev.scalingadvisor.testbed.prometheus.PrometheusExtension;
import dev.scalingadvisor.testbed.prometheus.PrometheusOptions;
import dev.scalingadvisor.testbed.prometheus.SyntheticSeries;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The client against a real Prometheus with backfilled history. */
class PrometheusClientIT {

    private static final Instant FROM = Instant.parse("2025-06-01T00:00:00Z");
    private static final Instant TO = FROM.plus(Duration.ofMinutes(30));

    @RegisterExtension
    static PrometheusExtension prometheus = PrometheusExtension.withOptions(PrometheusOptions.defaults()
            .withBackfill(List.of(
                    SyntheticSeries.of("advisor_test_gauge", Map.of("job_id", "a", "job_name", "orders_v2"))
                            .every(Duration.ofSeconds(15), FROM, TO, s -> s == 600 ? Double.NaN : s)
                            .build(),
                    SyntheticSeries.of("advisor_test_gauge", Map.of("job_id", "b"))
                            .every(Duration.ofSeconds(15), FROM, FROM.plus(Duration.ofMinutes(10)), s -> 1)
                            .build())));

    private PrometheusClient client() {
        return PrometheusClient.create(HttpEndpoint.open(URI.create(prometheus.baseUrl()), Duration.ofSeconds(10)));
    }

    @Test
    void readsAVectorWhoseTimeIsTheEvaluationTimeNotTheSampleTime() {
        Instant at = FROM.plus(Duration.ofMinutes(20)).plusSeconds(7);

        QueryResult.Vector vector =
                PrometheusClientTest.vector(client().instant("advisor_test_gauge{job_id=\"a\"}", at));
        QueryResult.Vector timestamps =
                PrometheusClientTest.vector(client().instant("timestamp(advisor_test_gauge{job_id=\"a\"})", at));

        assertThat(vector.series()).singleElement().satisfies(s -> {
            assertThat(s.labels().get("job_name")).contains("orders_v2");
            assertThat(s.sample()).isEqualTo(new Sample(at, 1200));
        });
        assertThat(timestamps.series().get(0).sample().value())
                .as("timestamp() tells when the sample was scraped")
                .isEqualTo(FROM.plus(Duration.ofMinutes(20)).getEpochSecond());
    }

    @Test
    void keepsReturningASeriesThatEndedForTheLookbackDelta() {
        QueryResult.Vector fourMinutesLater = PrometheusClientTest.vector(
                client().instant("advisor_test_gauge{job_id=\"b\"}", FROM.plus(Duration.ofMinutes(14))));
        QueryResult.Vector sixMinutesLater = PrometheusClientTest.vector(
                client().instant("advisor_test_gauge{job_id=\"b\"}", FROM.plus(Duration.ofMinutes(16))));

        assertThat(fourMinutesLater.series()).hasSize(1);
        assertThat(sixMinutesLater.series()).isEmpty();
    }

    @Test
    void readsAMatrixWithNaN() {
        QueryOutcome outcome = client().range(
                        "advisor_test_gauge{job_id=\"a\"}",
                        FROM.plus(Duration.ofMinutes(9)).plusSeconds(45),
                        FROM.plus(Duration.ofMinutes(10)).plusSeconds(15),
                        Duration.ofSeconds(15));

        QueryResult.Matrix matrix = (QueryResult.Matrix) ((QueryOutcome.Answered) outcome).result();
        assertThat(matrix.series()).singleElement().satisfies(s -> {
            assertThat(s.samples()).extracting(Sample::value).containsExactly(585.0, Double.NaN, 615.0);
            assertThat(s.samples().get(0).at())
                    .isEqualTo(FROM.plus(Duration.ofMinutes(9)).plusSeconds(45));
        });
    }

    @Test
    void readsScalarsAndEmptyResults() {
        assertThat(((QueryOutcome.Answered) client().instant("1 + 1", TO)).result())
                .isEqualTo(new QueryResult.Scalar(new Sample(TO, 2)));
        assertThat(PrometheusClientTest.vector(client().instant("no_such_metric", TO))
                        .series())
                .isEmpty();
    }

    @Test
    void aParseErrorIsRejectedAsBadData() {
        QueryFailure failure = PrometheusClientTest.failure(client().instant("sum(advisor_test_gauge", TO));

        assertThat(failure).isInstanceOfSatisfying(QueryFailure.Rejected.class, r -> {
            assertThat(r.errorType()).isEqualTo("bad_data");
            assertThat(r.httpStatus()).isEqualTo(400);
            assertThat(r.error()).contains("parse error");
        });
        assertThat(failure.blamesQuery()).isTrue();
    }

    @Test
    void anImpossibleMatchIsAnExecutionError() {
        QueryFailure failure = PrometheusClientTest.failure(client().instant(
                        "advisor_test_gauge + on () group_left advisor_test_gauge", FROM.plus(Duration.ofMinutes(5))));

        assertThat(failure)
                .isInstanceOfSatisfying(
                        QueryFailure.Rejected.class,
                        r -> assertThat(r.errorType()).isEqualTo("execution"));
    }
}
