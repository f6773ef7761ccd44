package dev.scalingadvisor.advisor.cli;

import dev.scalingadvisor.advisor.config.AdvisorConfig;
import dev.scalingadvisor.advisor.config.ConfigLoader;
import dev.scalingadvisor.advisor.config.HttpServerSettings;
import dev.scalingadvisor.core.secret.Secret;
import dev.scalingadvisor.core.yaml.InvalidInputException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import okhttp3.HttpUrl;
import picocli.CommandLine.Option;

/**
 * Where the commands that talk to the running daemon find it: {@code --url}, or the {@code http} section of its
 * configuration ({@code --config}); and the API token, from {@code --token-file} or that configuration. Without
 * either, the default address {@code http://127.0.0.1:9790}.
 */
final class ApiOptions {

    @Option(
            names = "--url",
            paramLabel = "URL",
            description = "The advisor's address, e.g. http://127.0.0.1:9790 (default: from --config, else that).")
    String url;

    @Option(
            names = {"-c", "--config"},
            paramLabel = "FILE",
            description = "The daemon's configuration: its http.bind, http.port and http.apiToken(File).")
    Path config;

    @Option(
            names = "--token-file",
            paramLabel = "FILE",
            description = "A file holding the API token (http.apiToken), when the configuration cannot be read here.")
    Path tokenFile;

    /** The API client, or empty after saying on {@code err} what is wrong with the options. */
    Optional<AdvisorApi> api(PrintWriter err) {
        HttpServerSettings http = HttpServerSettings.DEFAULTS;
        if (config != null) {
            try {
                AdvisorConfig loaded = ConfigLoader.fromSystem().load(config);
                http = loaded.http();
            } catch (InvalidInputException e) {
                err.println("error: " + config + " is not a valid configuration; give the advisor's address with --url"
                        + " and its token with --token-file instead:");
                e.problems().forEach(p -> err.println("  " + p));
                return Optional.empty();
            }
        }
        Optional<Secret> token = http.apiToken();
        if (tokenFile != null) {
            try {
                token = Optional.of(Secret.of(Files.readString(tokenFile).strip()));
            } catch (IOException e) {
                err.println("error: --token-file " + tokenFile + ": cannot read it (" + e.getMessage() + ")");
                return Optional.empty();
            }
        }
        HttpUrl base =
                url != null ? HttpUrl.parse(url) : HttpUrl.parse("http://" + host(http.bind()) + ":" + http.port());
        if (base == null) {
            err.println("error: --url " + url + ": not an http(s) URL (e.g. http://127.0.0.1:9790)");
            return Optional.empty();
        }
        return Optional.of(new AdvisorApi(base, token));
    }

    /** A wildcard bind address is reached on the loopback address of its family. */
    private static String host(String bind) {
        return switch (bind) {
            case "0.0.0.0", "" -> "127.0.0.1";
            case "::", "[::]" -> "[::1]";
            default -> bind.contains(":") && !bind.startsWith("[") ? "[" + bind + "]" : bind;
        };
    }
}
