package dev.scalingadvisor.rules.query;

import java.time.Duration;
import java.time.Instant;

/**
 * The two Prometheus queries the engine makes. {@link PrometheusClient} asks a real server over HTTP;
 * tests may answer from memory.
 */
public interface Prometheus {

    /** {@code /api/v1/query}: the expression evaluated at one instant. */
    QueryOutcome instant(String promql, Instant at);

    /** {@code /api/v1/query_range}: the expression evaluated at every {@code step} from {@code start} to {@code end}. */
    QueryOutcome range(String promql, Instant start, Instant end, Duration step);

    /** Where the answers come from, for messages: never with credentials. */
    String displayName();
}
