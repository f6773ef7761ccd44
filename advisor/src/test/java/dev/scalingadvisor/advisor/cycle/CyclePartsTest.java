package dev.scalingadvisor.advisor.cycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One part of a cycle that fails (a history row that cannot be written, as with defect 0's {@code CpuSaturated}) is
 * counted and named, and the parts after it still run: the other jobs' deliveries are not lost.
 */
class CyclePartsTest {

    private final Counter failures = Counter.builder()
            .name("scaling_advisor_cycle_part_failures_total")
            .labelNames("part")
            .register(new PrometheusRegistry());

    @Test
    void aFailingPartIsNamedAndCountedAndTheRestRuns() {
        CycleParts parts = new CycleParts(failures);
        List<String> delivered = new ArrayList<>();

        parts.run("delivery", "delivering the finding cpu-saturated of job hot", () -> {
            throw new IllegalArgumentException(
                    "Java 8 optional type java.util.Optional<java.lang.Integer> not supported");
        });
        parts.run("delivery", "delivering the decision of job orders", () -> delivered.add("orders"));
        String flink = parts.attempt(
                "flink",
                "reading the Flink clusters",
                () -> {
                    throw new IllegalStateException("bad answer");
                },
                "none");

        assertThat(delivered).containsExactly("orders");
        assertThat(flink).isEqualTo("none");
        assertThat(parts.failures())
                .containsExactly(
                        "delivering the finding cpu-saturated of job hot failed: IllegalArgumentException: Java 8 optional"
                                + " type java.util.Optional<java.lang.Integer> not supported",
                        "reading the Flink clusters failed: IllegalStateException: bad answer");
        assertThat(failures.labelValues("delivery").get()).isEqualTo(1.0);
        assertThat(failures.labelValues("flink").get()).isEqualTo(1.0);
    }
}
