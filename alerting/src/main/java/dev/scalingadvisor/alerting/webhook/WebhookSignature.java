package dev.scalingadvisor.alerting.webhook;

import dev.scalingadvisor.core.secret.Secret;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs webhook bodies per Standard Webhooks: {@code v1,} followed by base64 of
 * HMAC-SHA256 over {@code id + "." + timestamp + "." + body}, keyed with the bytes the {@code whsec_…}
 * secret's base64 decodes to.
 */
public final class WebhookSignature {

    private static final String PREFIX = "whsec_";

    private final SecretKeySpec key;

    /**
     * @throws IllegalArgumentException when the secret is not {@code whsec_} and base64 (configuration checks this first)
     */
    public WebhookSignature(Secret secret) {
        String value = secret.reveal();
        if (!value.startsWith(PREFIX)) {
            throw new IllegalArgumentException("a signing secret starts with \"whsec_\" (value not shown)");
        }
        try {
            this.key = new SecretKeySpec(Base64.getDecoder().decode(value.substring(PREFIX.length())), "HmacSHA256");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the signing secret after \"whsec_\" is not base64 (value not shown)");
        }
    }

    /** The {@code webhook-signature} header's value for one message. */
    public String sign(String messageId, long timestampSeconds, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] digest =
                    mac.doFinal((messageId + "." + timestampSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has HmacSHA256", e);
        }
    }
}
