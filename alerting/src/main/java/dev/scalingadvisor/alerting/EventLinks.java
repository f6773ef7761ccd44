package dev.scalingadvisor.alerting;

import dev.scalingadvisor.core.job.JobId;
import dev.scalingadvisor.core.time.PrometheusDurations;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Builds the links an event carries: a job's page in the Flink web UI, a PromQL expression in Prometheus' graph view. */
public final class EventLinks {

    private EventLinks() {}

    /** The job's overview in the Flink web UI (the dashboard's route since Flink 1.16: {@code #/job/running/<id>/overview}). */
    public static URI flinkJobPage(URI webUi, JobId jobId) {
        return URI.create(withoutTrailingSlash(webUi) + "/#/job/running/" + jobId.value() + "/overview");
    }

    /** Prometheus' graph tab showing {@code expression} over the last {@code range}. */
    public static URI prometheusGraph(URI prometheus, String expression, Duration range) {
        return URI.create(withoutTrailingSlash(prometheus) + "/graph?g0.expr="
                + URLEncoder.encode(expression, StandardCharsets.UTF_8).replace("+", "%20")
                + "&g0.tab=0&g0.range_input=" + PrometheusDurations.format(range));
    }

    /**
     * Scheme, host, port and path only: a token in the base URL's query (or user info, which configuration refuses)
     * must not travel into every notification that links to the page.
     */
    private static String withoutTrailingSlash(URI base) {
        String text = base.getScheme() + "://"
                + base.getRawAuthority()
                        .substring(
                                base.getRawUserInfo() == null
                                        ? 0
                                        : base.getRawUserInfo().length() + 1)
                + (base.getRawPath() == null ? "" : base.getRawPath());
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }
}
