package dev.scalingadvisor.actions.flink;

import dev.scalingadvisor.core.http.HttpEndpoint;
import dev.scalingadvisor.core.http.HttpEndpointYaml;
import dev.scalingadvisor.core.job.ClusterName;
import dev.scalingadvisor.core.yaml.MappingReader;
import dev.scalingadvisor.core.yaml.ValueParsers;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** Reads one {@code flink.clusters[]} entry: {@code name}, {@code restUrl}, {@code webUrl}, {@code timeout}, {@code auth}, {@code tls}. */
public final class FlinkClusterSettingsYaml {

    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private FlinkClusterSettingsYaml() {}

    public static Optional<FlinkClusterSettings> read(MappingReader entry) {
        Optional<ClusterName> name = entry.required("name", ValueParsers.clusterName());
        Optional<HttpEndpoint> rest = HttpEndpointYaml.read(entry, "restUrl", DEFAULT_TIMEOUT);
        Optional<URI> webUrl = entry.optional("webUrl", ValueParsers.httpUrl());
        entry.finish();
        if (name.isEmpty() || rest.isEmpty()) {
            return Optional.empty();
        }
        return entry.build(() -> new FlinkClusterSettings(
                name.get(), rest.get(), webUrl.orElse(rest.get().url())));
    }
}
