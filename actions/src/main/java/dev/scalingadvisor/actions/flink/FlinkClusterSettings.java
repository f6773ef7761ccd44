package dev.scalingadvisor.actions.flink;

import dev.scalingadvisor.core.http.HttpEndpoint;
import dev.scalingadvisor.core.job.ClusterName;
import java.net.URI;
import java.util.Objects;

/**
 * One Flink cluster the advisor talks to through its REST API.
 *
 * @param name   how the cluster is called in messages, metrics and the configuration
 * @param rest   the REST endpoint ({@code restUrl}, timeout, auth, TLS)
 * @param webUrl where people open the Flink web UI, for links in notifications (defaults to the REST URL,
 *               which serves the UI too unless a proxy sits in front)
 */
public record FlinkClusterSettings(ClusterName name, HttpEndpoint rest, URI webUrl) {

    public FlinkClusterSettings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(rest, "rest");
        Objects.requireNonNull(webUrl, "webUrl");
    }
}
