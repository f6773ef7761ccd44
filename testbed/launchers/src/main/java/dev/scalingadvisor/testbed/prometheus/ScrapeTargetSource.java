package dev.scalingadvisor.testbed.prometheus;

import java.util.List;

/** Something whose metrics endpoints come and go (a Flink cluster's processes) and that Prometheus should follow. */
public interface ScrapeTargetSource {

    /** The {@code job} label its series get in Prometheus, e.g. {@code flink}. */
    String scrapeJob();

    /** {@code host:port} of every endpoint to scrape right now. */
    List<String> scrapeTargets();

    /** Calls {@code listener} after every change of {@link #scrapeTargets()}. */
    void onScrapeTargetsChanged(Runnable listener);
}
