package dev.scalingadvisor.rules.explain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.databind.JsonNode;
import dev.scalingadvisor.core.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A reason in JSON says what it is in our vocabulary ({@code rule-fired}), never by its Java type name. */
class ReasonJsonTest {

    private static final List<JsonSubTypes.Type> NAMED =
            List.of(Reason.class.getAnnotation(JsonSubTypes.class).value());

    @Test
    void everyKindOfReasonHasANameOfOurs() {
        assertThat(NAMED.stream().map(JsonSubTypes.Type::value))
                .as("a reason without a name would go by its Java type name")
                .containsExactlyInAnyOrder(Reason.class.getPermittedSubclasses());
        assertThat(NAMED).allSatisfy(type -> assertThat(type.name()).matches("[a-z]+(-[a-z]+)*"));
    }

    @Test
    void aReasonIsWrittenWithItsKindAndItsFacts() {
        JsonNode json = Json.mapper().valueToTree(new Reason.Clamped("Window aggregate", 40, 32, "maxParallelism"));

        assertThat(json.path("kind").asText()).isEqualTo("clamped");
        assertThat(json.path("from").asInt()).isEqualTo(40);
        assertThat(json.path("to").asInt()).isEqualTo(32);
    }
}
