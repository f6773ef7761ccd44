package dev.scalingadvisor.core.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvironmentInterpolationTest {

    private final EnvironmentInterpolation interpolation =
            new EnvironmentInterpolation(Map.of("HOST", "prom", "EMPTY", ""));

    @Test
    void replacesVariablesAndKeepsTheRest() {
        assertThat(interpolation.apply("http://${HOST}:9090/x")).isEqualTo("http://prom:9090/x");
        assertThat(interpolation.apply("no variables $ here")).isEqualTo("no variables $ here");
    }

    @Test
    void usesTheFallbackForUnsetOrEmptyVariables() {
        assertThat(interpolation.apply("${MISSING:-9090}")).isEqualTo("9090");
        assertThat(interpolation.apply("${EMPTY:-x}")).isEqualTo("x");
        assertThat(interpolation.apply("${HOST:-x}")).isEqualTo("prom");
    }

    @Test
    void writesALiteralDollarForTwoDollars() {
        assertThat(interpolation.apply("$${HOST}")).isEqualTo("${HOST}");
    }

    @Test
    void refusesUnsetVariablesAndMalformedReferences() {
        assertThatThrownBy(() -> interpolation.apply("${MISSING}"))
                .hasMessageStartingWith("environment variable MISSING is not set");
        assertThatThrownBy(() -> interpolation.apply("${HOST")).hasMessageContaining("unclosed");
        assertThatThrownBy(() -> interpolation.apply("${1BAD}"))
                .hasMessageContaining("does not name an environment variable");
    }
}
