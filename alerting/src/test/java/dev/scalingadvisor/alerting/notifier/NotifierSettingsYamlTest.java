package dev.scalingadvisor.alerting.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalingadvisor.core.outcome.EventKind;
import dev.scalingadvisor.core.yaml.MappingReader;
import dev.scalingadvisor.core.yaml.Problem;
import dev.scalingadvisor.core.yaml.Problems;
import dev.scalingadvisor.core.yaml.YamlLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NotifierSettingsYamlTest {

    private final Problems problems = new Problems();

    private Optional<NotifierSettings> read(String yaml) {
        return YamlLoader.verbatim()
                .load("advisor.yaml", yaml, problems)
                .flatMap(node -> MappingReader.of(node, "notifiers[0]", problems, Path.of(".")))
                .flatMap(NotifierSettingsYaml::read);
    }

    private List<String> problems() {
        return problems.all().stream().map(Problem::toString).toList();
    }

    @Test
    void readsAWebhookWithEveryKey() {
        NotifierSettings s = read("""
                type: webhook
                name: ops-bus
                url: https://hooks.example.com/scaling?token=abc123
                secret: whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD
                headers: {Authorization: "Bearer t0ken-value"}
                jobs: "orders.*"
                events: [recommendation, recommendation-resolved]
                repeatInterval: 1h
                sendResolved: false
                timeout: 5s
                """).orElseThrow();

        assertThat(problems()).isEmpty();
        assertThat(s.displayDestination()).isEqualTo("https://hooks.example.com");
        assertThat(s.events()).isEqualTo(EnumSet.of(EventKind.RECOMMENDATION, EventKind.RECOMMENDATION_RESOLVED));
        assertThat(s.acceptsJob("orders-enrichment")).isTrue();
        assertThat(s.acceptsJob("shop-orders")).isFalse();
        assertThat(s.repeatInterval()).isEqualTo(Duration.ofHours(1));
        assertThat(s.sendResolved()).isFalse();
        assertThat(s.headers().get("Authorization")).hasToString("<secret>");
        assertThat(s.toString())
                .doesNotContain("abc123")
                .doesNotContain("t0ken-value")
                .doesNotContain("whsec_");
    }

    @Test
    void defaultsToEveryEventEveryFourHoursWithResolutions() {
        NotifierSettings s = read("type: slack\nname: team\nurl: https://hooks.slack.com/services/T/B/k\n")
                .orElseThrow();

        assertThat(s.events()).isEqualTo(EnumSet.allOf(EventKind.class));
        assertThat(s.repeatInterval()).isEqualTo(Duration.ofHours(4));
        assertThat(s.sendResolved()).isTrue();
        assertThat(s.timeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void refusesHeadersTheAdvisorSetsItself() {
        read("""
                type: webhook
                name: ops-bus
                url: https://hooks.example.com/scaling
                secret: whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD
                headers: {Webhook-Signature: "v1,forged", Authorization: "Bearer x"}
                """);

        assertThat(problems())
                .containsExactly(
                        "advisor.yaml:5:10: notifiers[0].headers: \"Webhook-Signature\" is set by the advisor itself (signature and body); leave it out");
    }

    @Test
    void refusesAHeaderValueWithALineBreakAndANameThatIsNoTokenWithoutShowingTheValue() {
        read("""
                type: webhook
                name: ops-bus
                url: https://hooks.example.com/scaling
                secret: whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD
                headers: {Authorization: "Bearer t0ken\\nX-Injected: yes", "X Team": data, X-Tab: "a\\tb"}
                """);

        assertThat(problems())
                .containsExactly(
                        "advisor.yaml:5:26: notifiers[0].headers.Authorization: the value of \"Authorization\" holds a control character (a line break?); value not shown",
                        "advisor.yaml:5:69: notifiers[0].headers.X Team: \"X Team\" is not a header name (letters, digits and !#$%&'*+-.^_`|~)");
        assertThat(String.join("\n", problems())).doesNotContain("t0ken");
    }

    @Test
    void refusesHeadersOnTheConsole() {
        read("type: console\nname: log\nheaders: {X-Team: data}\n");

        assertThat(problems())
                .singleElement()
                .asString()
                .endsWith("notifiers[0].headers: a console notifier sends no requests");
    }

    @Test
    void refusesAWebhookWithoutSigningSecretAndAShortSecretWithoutShowingIt() {
        read("type: webhook\nname: a\nurl: https://h.example.com/x\n");
        read("type: webhook\nname: b\nurl: https://h.example.com/x\nsecret: whsec_c2hvcnQ=\n");

        assertThat(problems())
                .containsExactly(
                        "advisor.yaml:1:1: notifiers[0].secret: required for a webhook notifier (or secretFile): receivers verify the signature with it",
                        "advisor.yaml:4:9: notifiers[0].secret: the signing secret is too short: 5 bytes, at least 24 needed");
    }
}
