package dev.scalingadvisor.alerting.notifier;

/** The kinds of destination a notification can go to. */
public enum NotifierType {
    /** A Slack incoming webhook (Block Kit). */
    SLACK,
    /** A generic HTTP endpoint receiving a versioned JSON payload, signed per Standard Webhooks. */
    WEBHOOK,
    /** Prometheus Alertmanager's {@code /api/v2/alerts}. */
    ALERTMANAGER,
    /** The advisor's own log. */
    CONSOLE
}
