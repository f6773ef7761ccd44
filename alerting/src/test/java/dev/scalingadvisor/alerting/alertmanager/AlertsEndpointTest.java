package dev.scalingadvisor.alerting.alertmanager;

import static org.assertj.core.api.Assertions.assertThat;

import okhttp3.HttpUrl;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AlertsEndpointTest {

    @ParameterizedTest
    @CsvSource({
        "http://127.0.0.1:9093, http://127.0.0.1:9093/api/v2/alerts",
        "http://127.0.0.1:9093/, http://127.0.0.1:9093/api/v2/alerts",
        "https://am.example.com/alertmanager, https://am.example.com/alertmanager/api/v2/alerts",
        "https://am.example.com/alertmanager/, https://am.example.com/alertmanager/api/v2/alerts",
        "http://am:9093/api/v2/alerts, http://am:9093/api/v2/alerts",
    })
    void addsTheAlertsPathToAlertmanagersBaseUrl(String configured, String posted) {
        assertThat(AlertmanagerNotifier.alertsEndpoint(HttpUrl.get(configured))).hasToString(posted);
    }
}
