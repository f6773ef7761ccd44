package dev.scalingadvisor.advisor.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.encoder.Encoder;
import dev.scalingadvisor.core.secret.Secret;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RedactingEncoderTest {

    private final LoggerContext context = new LoggerContext();

    RedactingEncoderTest() {
        context.setMDCAdapter(new LogbackMDCAdapter());
    }

    @Test
    void removesSecretsFromMessagesAndStackTracesInTextFormat() {
        Secret.of("sk-live-0123456789");
        PatternLayoutEncoder text = new PatternLayoutEncoder();
        text.setPattern("%msg%n%ex");

        String line = encode(
                text, "calling with sk-live-0123456789", new IllegalStateException("401 for sk-live-0123456789"));

        assertThat(line).contains("calling with <secret>", "401 for <secret>").doesNotContain("sk-live-0123456789");
    }

    @Test
    void removesSecretsFromJsonLines() {
        Secret.of("https://hooks.example.com/T1/B2/jsonKey77");

        String line = encode(new JsonEncoder(), "POST https://hooks.example.com/T1/B2/jsonKey77 rejected", null);

        assertThat(line).contains("POST <secret> rejected").doesNotContain("jsonKey77");
    }

    private String encode(Encoder<ILoggingEvent> delegate, String message, Throwable error) {
        delegate.setContext(context);
        RedactingEncoder encoder = new RedactingEncoder();
        encoder.setContext(context);
        encoder.setDelegate(delegate);
        encoder.start();
        LoggingEvent event = new LoggingEvent("test", context.getLogger("test"), Level.ERROR, message, error, null);
        return new String(encoder.encode(event), StandardCharsets.UTF_8);
    }
}
