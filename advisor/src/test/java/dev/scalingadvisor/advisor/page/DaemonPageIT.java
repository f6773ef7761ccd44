package dev.scalingadvisor.advisor.page;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalingadvisor.advisor.config.ConfigLoader;
import dev.scalingadvisor.advisor.daemon.Daemon;
import dev.scalingadvisor.rules.testing.FlinkHistory;
import dev.scalingadvisor.testbed.prometheus.PrometheusExtension;
import dev.scalingadvisor.testbed.prometheus.PrometheusOptions;
import java.io.File;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * The daemon's page in a real browser: Debian's chromium, headless, driven by chromedriver through Selenium, on
 * the page of a real daemon (started in this JVM) over a real Prometheus backfilled with the last hour of two Flink
 * jobs: one backpressured for the last 30 minutes, so the daemon's first cycle decides to scale it up, and one
 * whose name is an HTML injection. The daemon asks for an API token, which the browser sends as HTTP Basic.
 */
class DaemonPageIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String TOKEN = "page-token-7c6b5a4d3e2f";
    private static final String INJECTION = "<img src=x onerror=alert(1)>";

    /** History up to the test's start: the daemon's cycles read its last samples as fresh. */
    private static final Instant TO = Instant.ofEpochSecond(Instant.now().getEpochSecond() / 15 * 15);

    private static final Instant FROM = TO.minus(Duration.ofHours(1));
    private static final double SURGE_FROM = 30 * 60;

    private static final FlinkHistory HISTORY = new FlinkHistory(FROM, TO)
            .surgingOrdersJob(DaemonPageIT::surge)
            .job("b1b1b1b1", INJECTION)
            .on("tm-1", "host_1")
            .startedAt(FROM.minus(Duration.ofHours(1)))
            .vertex("v-report", "report", 2, s -> 500, s -> 0, s -> 100)
            .done();

    @RegisterExtension
    static PrometheusExtension prometheus =
            PrometheusExtension.withOptions(PrometheusOptions.defaults().withBackfill(HISTORY.series()));

    @TempDir
    static Path dir;

    private static Daemon daemon;
    private static ChromeDriver browser;
    private static String base;

    private static boolean surge(double secondsSinceFrom) {
        return secondsSinceFrom >= SURGE_FROM;
    }

    @BeforeAll
    static void startDaemonAndBrowser() throws Exception {
        Path config = dir.resolve("advisor.yaml");
        Files.writeString(config, """
                prometheus:
                  url: %s
                evaluation:
                  interval: 5s
                  maxSampleAge: 10m
                state:
                  dir: %s
                http:
                  bind: 127.0.0.1
                  port: 0
                  apiToken: %s
                """.formatted(prometheus.baseUrl(), dir.resolve("state"), TOKEN));
        ConfigLoader loader = ConfigLoader.fromSystem();
        daemon = Daemon.start(config, loader, loader.load(config), Clock.systemUTC());
        base = "http://127.0.0.1:" + daemon.httpServer().address().getPort();

        assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
                .as("Debian's chromium and chromium-driver are installed (./test installs them)")
                .isTrue();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withLogFile(new File(dir.toFile(), "chromedriver.log"))
                .build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        // A browser sends the token as the password of HTTP Basic, as a person types it into the prompt.
        browser.executeCdpCommand("Network.enable", Map.of());
        browser.executeCdpCommand(
                "Network.setExtraHTTPHeaders",
                Map.of("headers", Map.of("Authorization", "Basic " + basic("me:" + TOKEN))));
    }

    @AfterAll
    static void stopBrowserAndDaemon() throws InterruptedException {
        try {
            if (browser != null) {
                browser.quit();
            }
        } finally {
            if (daemon != null) {
                daemon.close();
            }
        }
        Instant deadline = Instant.now().plusSeconds(10);
        while (!browserProcesses().isEmpty() && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertThat(browserProcesses())
                .as("no chromium or chromedriver outlives the test")
                .isEmpty();
    }

    @Test
    void showsTheJobsAndTheChosenJobsChartWithItsDecisionWithoutConsoleErrors() throws Exception {
        awaitDecision();

        browser.get(base + "/");

        assertThat(browser.getTitle()).isEqualTo("Scaling advisor");
        WebElement orders = browser.findElement(By.cssSelector("tr.job[data-job-id='a0a0a0a0']"));
        assertThat(orders.getText()).contains("orders_v2", "recommend");
        assertThat(orders.findElement(By.cssSelector(".phase")).getText()).isEqualTo("decided");
        assertThat(orders.findElement(By.cssSelector(".decision")).getText()).startsWith("up 2 → ");
        assertThat(orders.findElement(By.cssSelector(".last-decision")).getText())
                .contains("recommendation");
        WebElement injected = browser.findElement(By.cssSelector("tr.job[data-job-id='b1b1b1b1']"));
        assertThat(injected.getText()).as("the name shows as text").contains(INJECTION);
        assertThat(browser.findElements(By.tagName("img")))
                .as("and nothing of it became HTML")
                .isEmpty();

        orders.findElement(By.linkText("orders_v2")).click();

        WebElement chart = browser.findElement(By.cssSelector("section.chart[data-job-id='a0a0a0a0']"));
        assertThat(chart.findElement(By.tagName("h2")).getText()).contains("orders_v2", "the last 3 hours");
        assertThat(chart.findElements(By.cssSelector("svg .rule-value"))).hasSizeGreaterThanOrEqualTo(4);
        assertThat(chart.findElements(By.cssSelector("svg .threshold-fire"))).isNotEmpty();
        assertThat(chart.findElements(By.cssSelector("svg .band-firing"))).isNotEmpty();
        assertThat(chart.findElements(By.cssSelector("svg .parallelism"))).hasSizeGreaterThanOrEqualTo(2);
        assertThat(chart.findElements(By.cssSelector("svg .decision-mark.decision-up")))
                .as("the decision the daemon told, from its history")
                .isNotEmpty();
        assertThat(chart.findElement(By.cssSelector("table.decisions")).getText())
                .contains("up 2 → ", "backpressure");

        browser.get(base + "/?job=" + URLEncoder.encode(INJECTION, StandardCharsets.UTF_8) + "&hours=1");
        assertThat(browser.findElement(By.cssSelector("section.chart h2")).getText())
                .contains(INJECTION, "the last 1 hour");
        assertThat(browser.findElements(By.tagName("img"))).isEmpty();
        assertThat(browser.getPageSource()).doesNotContain(TOKEN);

        List<LogEntry> console = browser.manage().logs().get(LogType.BROWSER).getAll();
        assertThat(console)
                .as("the browser's console")
                .noneMatch(entry -> entry.getLevel().intValue() >= Level.WARNING.intValue());
    }

    @Test
    void asksForTheTokenAndAnswersBadQueriesWithAMessage() throws Exception {
        awaitDecision();
        HttpClient client = HttpClient.newHttpClient();

        HttpResponse<String> without = client.send(
                HttpRequest.newBuilder(URI.create(base + "/")).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> badHours = page(client, "/?job=orders_v2&hours=100");
        HttpResponse<String> noSuchJob = page(client, "/?job=%3Cscript%3Ex%3C%2Fscript%3E");

        assertThat(without.statusCode()).isEqualTo(401);
        assertThat(badHours.statusCode()).isEqualTo(400);
        assertThat(badHours.body()).contains("hours must be a whole number from 1 to 24, not &quot;100&quot;");
        assertThat(noSuchJob.statusCode()).isEqualTo(404);
        assertThat(noSuchJob.body())
                .contains("no job &quot;&lt;script&gt;x&lt;/script&gt;&quot;")
                .doesNotContain("<script>");
    }

    /** Waits for the daemon's first cycles: the recommendation to scale orders_v2 up is in its history. */
    private static void awaitDecision() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plusSeconds(60);
        String body = "";
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<String> decisions = client.send(
                    HttpRequest.newBuilder(URI.create(base + "/api/v1/decisions?job=orders_v2"))
                            .header("Authorization", "Bearer " + TOKEN)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            body = decisions.body();
            if (body.contains("\"kind\":\"recommendation\"")) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the daemon recommended nothing for orders_v2 within 60 s: " + body + "\npage: "
                + page(client, "/").body().replaceAll("<[^>]+>", " ").replaceAll("\\s+", " "));
    }

    private static HttpResponse<String> page(HttpClient client, String path) throws Exception {
        return client.send(
                HttpRequest.newBuilder(URI.create(base + path))
                        .header("Authorization", "Basic " + basic("me:" + TOKEN))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String credentials) {
        return Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    private static List<ProcessHandle> browserProcesses() {
        return ProcessHandle.current()
                .descendants()
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.contains("chrom")).orElse(false))
                .toList();
    }
}
