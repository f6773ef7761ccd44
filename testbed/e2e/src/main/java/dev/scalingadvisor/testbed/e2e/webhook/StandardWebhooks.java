package dev.scalingadvisor.testbed.e2e.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The receiver's side of the Standard Webhooks signature, written from the specification (and
 * {@code docs/webhook.md}) independently of the advisor's signer: {@code webhook-signature} holds
 * {@code v1,<base64 HMAC-SHA256>} entries over {@code <webhook-id>.<webhook-timestamp>.<raw body>}, keyed with
 * the base64-decoded part of the secret after {@code whsec_}.
 */
public final class StandardWebhooks {

    /** Requests signed further than this from the receiver's clock are replays or badly skewed senders. */
    public static final Duration TOLERANCE = Duration.ofMinutes(5);

    private static final String PREFIX = "whsec_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private StandardWebhooks() {}

    /** A fresh secret, {@code whsec_} + base64 of 32 random bytes, as {@code docs/webhook.md} suggests making one. */
    public static String newSecret() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /** Fails unless {@code secret} is {@code whsec_} followed by base64 (the message never shows the secret). */
    public static void requireValidSecret(String secret) {
        key(secret);
    }

    /** {@code v1,<base64>}: the signature a sender puts in {@code webhook-signature}. */
    public static String sign(String secret, String id, String timestamp, byte[] body) {
        return "v1," + Base64.getEncoder().encodeToString(hmac(secret, id, timestamp, body));
    }

    /** Checks the three headers against the raw body as of {@code now}. */
    public static SignatureCheck verify(
            String secret, String id, String timestamp, String signatureHeader, byte[] body, Instant now) {
        if (id == null || timestamp == null || signatureHeader == null) {
            return SignatureCheck.MISSING_HEADERS;
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            return SignatureCheck.BAD_TIMESTAMP;
        }
        if (Math.abs(now.getEpochSecond() - seconds) > TOLERANCE.toSeconds()) {
            return SignatureCheck.BAD_TIMESTAMP;
        }
        byte[] expected = hmac(secret, id, timestamp, body);
        for (String entry : signatureHeader.trim().split(" +")) {
            if (!entry.startsWith("v1,")) {
                continue;
            }
            try {
                if (MessageDigest.isEqual(expected, Base64.getDecoder().decode(entry.substring(3)))) {
                    return SignatureCheck.VALID;
                }
            } catch (IllegalArgumentException notBase64) {
                // An entry that is not base64 cannot match; another entry still might.
            }
        }
        return SignatureCheck.MISMATCH;
    }

    private static byte[] key(String secret) {
        if (secret == null || !secret.startsWith(PREFIX)) {
            throw new IllegalArgumentException("a Standard Webhooks secret starts with " + PREFIX);
        }
        try {
            return Base64.getDecoder().decode(secret.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the part of the secret after " + PREFIX + " is not base64", e);
        }
    }

    private static byte[] hmac(String secret, String id, String timestamp, byte[] body) {
        byte[] key = key(secret);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    /** The result of checking one request's signature. */
    public enum SignatureCheck {
        VALID,
        /** {@code webhook-id}, {@code webhook-timestamp} or {@code webhook-signature} is absent. */
        MISSING_HEADERS,
        /** The timestamp is not a number of seconds or is more than {@link #TOLERANCE} away from now. */
        BAD_TIMESTAMP,
        /** No {@code v1} entry matches the body under the secret. */
        MISMATCH
    }
}
