package dev.scalingadvisor.core.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class JobNamePatternTest {

    @Test
    void aPatternThatBacktracksForEverInJavaIsMatchedInLinearTime() {
        // (a+)+$ against thirty a's and a character that fails the match: java.util.regex tries 2^30 ways to split the
        // a's (minutes on this machine); RE2 answers in one pass, however long the name.
        JobNamePattern catastrophic = JobNamePattern.of("(a+)+$");
        String longName = "a".repeat(100_000) + "!";

        boolean matched = assertTimeoutPreemptively(Duration.ofSeconds(1), () -> catastrophic.matches(longName));

        assertThat(matched).isFalse();
        assertThat(catastrophic.matches("a".repeat(100_000))).isTrue();
    }

    @Test
    void matchesTheWholeNameOrIdAsPrometheusLabelMatchersDo() {
        JobNamePattern orders = JobNamePattern.of("orders.*");
        JobRef job = new JobRef(new JobId("a1b2"), "orders_v2");

        assertThat(orders.matches(job)).isTrue();
        assertThat(orders.matches("my-orders")).as("anchored at the start").isFalse();
        assertThat(JobNamePattern.of("a1b2").matches(job)).as("by id").isTrue();
        assertThat(JobNamePattern.of("a1").matches(job))
                .as("anchored at the end")
                .isFalse();
    }

    @Test
    void refusesWhatRe2LeavesOutWithAMessageThatNamesIt() {
        assertThatThrownBy(() -> JobNamePattern.of("(a)\\1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not a regular expression (RE2 syntax, as in PromQL): ")
                .hasMessageEndingWith(" in \"(a)\\1\"");
        assertThatThrownBy(() -> JobNamePattern.of("orders(?!-test).*"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("in \"orders(?!-test).*\"");
        assertThatThrownBy(() -> JobNamePattern.of("orders[")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void patternsAreEqualByTheirText() {
        assertThat(JobNamePattern.of("orders.*")).isEqualTo(JobNamePattern.of("orders.*"));
        assertThat(JobNamePattern.of("orders.*")).hasSameHashCodeAs(JobNamePattern.of("orders.*"));
        assertThat(JobNamePattern.of("orders.*").regex()).isEqualTo("orders.*");
    }
}
