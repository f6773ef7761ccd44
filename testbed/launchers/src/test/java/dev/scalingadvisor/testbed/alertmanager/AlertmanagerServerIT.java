package dev.scalingadvisor.testbed.alertmanager;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AlertmanagerServerIT {

    @RegisterExtension
    static AlertmanagerExtension alertmanager = new AlertmanagerExtension();

    private static final ObjectMapper JSON = new ObjectMapper();
    private final OkHttpClient http = new OkHttpClient();

    @Test
    void anAlertPostedToTheV2ApiIsListedAsActive() throws Exception {
        String alerts = JSON.writeValueAsString(List.of(Map.of(
                "labels", Map.of("alertname", "FlinkJobBackpressured", "job_name", "orders_v2"),
                "annotations", Map.of("summary", "scale up orders-v2 from 2 to 4"))));
        Request post = new Request.Builder()
                .url(alertmanager.baseUrl() + "/api/v2/alerts")
                .post(RequestBody.create(alerts, MediaType.get("application/json")))
                .build();
        try (Response response = http.newCall(post).execute()) {
            assertThat(response.code()).isEqualTo(200);
        }

        JsonNode listed;
        try (Response response = http.newCall(new Request.Builder()
                        .url(alertmanager.baseUrl() + "/api/v2/alerts")
                        .build())
                .execute()) {
            listed = JSON.readTree(response.body().string());
        }

        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).at("/labels/alertname").asText()).isEqualTo("FlinkJobBackpressured");
        assertThat(listed.get(0).at("/labels/job_name").asText()).isEqualTo("orders_v2");
        assertThat(listed.get(0).at("/status/state").asText()).isEqualTo("active");
    }
}
