package dev.scalingadvisor.actions.flink;

import dev.scalingadvisor.core.http.HttpEndpoint;
import dev.scalingadvisor.core.http.HttpEndpointYaml;
import dev.scalingadvisor.core.job.ClusterName;
import dev.scalingadvisor.core.settings.Include;
import dev.scalingadvisor.core.settings.Option;
import dev.scalingadvisor.core.settings.Section;
import dev.scalingadvisor.core.yaml.MappingReader;
import dev.scalingadvisor.core.yaml.ValueParsers;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * One Flink cluster the advisor talks to through its REST API.
 *
 * @param name   how the cluster is called in messages, metrics and the configuration
 * @param rest   the REST endpoint ({@code restUrl}, timeout, auth, TLS)
 * @param webUrl where people open the Flink web UI, for links in notifications (defaults to the REST URL,
 *               which serves the UI too unless a proxy sits in front)
 */
public record FlinkClusterSettings(ClusterName name, HttpEndpoint rest, URI webUrl) {

    private static final String REST_URL = "restUrl";

    public static final Option<FlinkClusterSettings, ClusterName> NAME = Option.required(
                    "name", FlinkClusterSettings::name, ValueParsers.clusterName())
            .means("how the cluster is called in messages, metrics and `jobs[].cluster`; unique");
    public static final Option<FlinkClusterSettings, Optional<URI>> WEB_URL = Option.optional(
                    "webUrl", (FlinkClusterSettings s) -> Optional.of(s.webUrl()), ValueParsers.httpUrl(), "`restUrl`")
            .means("where people open the Flink web UI, for links in notifications");

    public static final Section<FlinkClusterSettings> SECTION = Section.readByOwner(
            "A Flink cluster the advisor reads jobs from and, in act mode, rescales them on, through its REST API.",
            NAME,
            Include.inline(FlinkClusterSettings::rest, HttpEndpointYaml.section(REST_URL, "Flink REST.")),
            WEB_URL);

    public FlinkClusterSettings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(rest, "rest");
        Objects.requireNonNull(webUrl, "webUrl");
    }

    /** Reads one {@code flink.clusters[]} entry and finishes it. */
    public static Optional<FlinkClusterSettings> read(MappingReader entry) {
        Optional<ClusterName> name = NAME.read(entry);
        Optional<HttpEndpoint> rest = HttpEndpointYaml.read(entry, REST_URL);
        Optional<URI> webUrl = WEB_URL.readOrDefault(entry);
        entry.finish();
        if (name.isEmpty() || rest.isEmpty()) {
            return Optional.empty();
        }
        return entry.build(() -> new FlinkClusterSettings(
                name.get(), rest.get(), webUrl.orElse(rest.get().url())));
    }
}
