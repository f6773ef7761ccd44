package dev.scalingadvisor.testbed.e2e.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoConsoleTest {

    @Test
    void prefixesEventsWithTheTimeAndWrapsThemUnderTheirText(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AtomicLong now = new AtomicLong(0);
        try (DemoConsole console = new DemoConsole(
                new PrintStream(bytes, true, StandardCharsets.UTF_8), dir.resolve("demo.log"), now::get)) {
            now.set(Duration.ofSeconds(192).toNanos());
            console.event(
                    "ADVISOR", "rescale-started up 1 → 2: " + "word ".repeat(30).strip());
        }

        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines[0]).startsWith("  03:12  ADVISOR  rescale-started up 1 → 2: word");
        assertThat(lines).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(DemoConsole.WIDTH));
        assertThat(lines[1]).startsWith(" ".repeat(18) + "word");
        assertThat(Files.readString(dir.resolve("demo.log"))).isEqualTo(bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void cutsWordsLongerThanTheLine() {
        assertThat(DemoConsole.wrap("x".repeat(25), 10)).containsExactly("x".repeat(10), "x".repeat(10), "x".repeat(5));
        assertThat(DemoConsole.wrap("a\nb", 10)).containsExactly("a", "b");
        assertThat(DemoConsole.clock(Duration.ofMinutes(125))).isEqualTo("125:00");
    }
}
