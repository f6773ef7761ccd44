package dev.scalingadvisor.testbed.e2e.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WebhookSinkTest {

    private static final OkHttpClient HTTP = new OkHttpClient();
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private final List<ReceivedWebhook> heard = new ArrayList<>();
    private final WebhookSink sink = WebhookSink.start(SECRET, heard::add);

    @AfterEach
    void stop() {
        sink.close();
    }

    @Test
    void acceptsAndRecordsARequestSignedAsTheSpecificationSays() throws Exception {
        // Given a body signed here by hand, not with the sink's own code
        String body =
                "{\"version\":1,\"type\":\"rescale-started\",\"data\":{\"summary\":\"[demo] Scale up demo-orders: 1 → 2\"}}";
        String id = "evt_0123456789abcdef01234567";
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(SECRET.substring(6)), "HmacSHA256"));
        String signature = "v1,"
                + Base64.getEncoder()
                        .encodeToString(
                                mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));

        // When it is posted
        int status = post(body, id, timestamp, signature);

        // Then the sink answers 204, records it as valid, and hands it to the listener once
        assertThat(status).isEqualTo(204);
        ReceivedWebhook received = sink.await(w -> true, Duration.ofSeconds(5), "any request");
        assertThat(received.signatureValid()).isTrue();
        assertThat(received.type()).contains("rescale-started");
        assertThat(received.summary()).contains("[demo] Scale up demo-orders: 1 → 2");
        assertThat(received.header("Webhook-Id")).contains(id);
        assertThat(received.bodyText()).isEqualTo(body);
        assertThat(heard).containsExactly(received);
        assertThat(sink.url()).startsWith("http://127.0.0.1:").endsWith(WebhookSink.PATH);
    }

    @Test
    void answers401ToAnUnsignedOrTamperedRequestAndStillRecordsIt() throws Exception {
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        String signature =
                StandardWebhooks.sign(SECRET, "evt_1", timestamp, "{\"a\":1}".getBytes(StandardCharsets.UTF_8));

        assertThat(post("{\"a\":2}", "evt_1", timestamp, signature)).isEqualTo(401);
        assertThat(post("{\"a\":1}", null, null, null)).isEqualTo(401);

        assertThat(sink.received())
                .extracting(ReceivedWebhook::signature)
                .containsExactly(
                        StandardWebhooks.SignatureCheck.MISMATCH, StandardWebhooks.SignatureCheck.MISSING_HEADERS);
        assertThat(sink.received().get(0).type()).isEqualTo(Optional.empty());
    }

    private int post(String body, String id, String timestamp, String signature) throws Exception {
        Request.Builder request = new Request.Builder()
                .url(sink.url())
                .post(RequestBody.create(
                        body.getBytes(StandardCharsets.UTF_8), MediaType.get("application/json; charset=UTF-8")));
        if (id != null) {
            request.header("webhook-id", id)
                    .header("webhook-timestamp", timestamp)
                    .header("webhook-signature", signature);
        }
        try (Response response = HTTP.newCall(request.build()).execute()) {
            return response.code();
        }
    }
}
