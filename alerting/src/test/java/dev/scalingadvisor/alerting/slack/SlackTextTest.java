package dev.scalingadvisor.alerting.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class SlackTextTest {

    @Test
    void leavesTextWithinTheLimitAlone() {
        assertThat(SlackText.truncate("exactly ten", 11)).isEqualTo("exactly ten");
    }

    @Test
    void cutsToTheLimitWithAnEllipsis() {
        assertThat(SlackText.truncate("abcdefghij", 5)).isEqualTo("abcd…").hasSize(5);
    }

    @Test
    void neverSplitsAnEmoji() {
        // "🔎" is two UTF-16 units; a cut between them would leave half a character.
        assertThat(SlackText.truncate("ab🔎cd", 4)).isEqualTo("ab…");
    }

    @Test
    void backsOffBeforeAnEntityItWouldSplit() {
        assertThat(SlackText.truncateMrkdwn("a &amp; b", 5)).isEqualTo("a …");
    }

    @Test
    void backsOffBeforeALinkItWouldSplit() {
        assertThat(SlackText.truncateMrkdwn("see <http://x/graph|graph> now", 20))
                .isEqualTo("see …");
    }

    @Test
    void escapesTheThreeControlCharacters() {
        assertThat(SlackText.escape("a < b && c > d")).isEqualTo("a &lt; b &amp;&amp; c &gt; d");
    }

    @Test
    void writesALinkWithAnEscapedLabel() {
        assertThat(SlackText.link(URI.create("http://prom:9090/graph?g0.expr=up"), "a<b"))
                .contains("<http://prom:9090/graph?g0.expr=up|a&lt;b>");
    }
}
