package dev.scalingadvisor.advisor.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.EncoderBase;
import dev.scalingadvisor.core.secret.KnownSecrets;
import java.nio.charset.StandardCharsets;

/**
 * Wraps the real log encoder (text or JSON) and removes every secret value the process has loaded from
 * what it produces, stack traces included. Code never logs a secret on purpose; this catches the library
 * exception that quotes a URL with a token in it.
 */
public final class RedactingEncoder extends EncoderBase<ILoggingEvent> {

    private Encoder<ILoggingEvent> delegate;

    /** Set by logback's configuration ({@code <delegate class="…">}). */
    public void setDelegate(Encoder<ILoggingEvent> delegate) {
        this.delegate = delegate;
    }

    @Override
    public void start() {
        if (delegate == null) {
            addError("RedactingEncoder needs a <delegate> encoder");
            return;
        }
        delegate.start();
        super.start();
    }

    @Override
    public void stop() {
        if (delegate != null) {
            delegate.stop();
        }
        super.stop();
    }

    @Override
    public byte[] headerBytes() {
        return redact(delegate.headerBytes());
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        return redact(delegate.encode(event));
    }

    @Override
    public byte[] footerBytes() {
        return redact(delegate.footerBytes());
    }

    private static byte[] redact(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return bytes;
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        String redacted = KnownSecrets.redact(text);
        return redacted == text ? bytes : redacted.getBytes(StandardCharsets.UTF_8);
    }
}
