package dev.scalingadvisor.advisor.http;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The decoded query parameters of an API request; a parameter given twice keeps its last value. */
public record QueryParameters(Map<String, String> values) {

    public static QueryParameters of(URI request) {
        Map<String, String> result = new HashMap<>();
        String raw = request.getRawQuery();
        if (raw != null && !raw.isEmpty()) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                result.put(key, value);
            }
        }
        return new QueryParameters(Map.copyOf(result));
    }

    public Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name));
    }
}
