package dev.scalingadvisor.core.yaml;

import java.util.Objects;

/**
 * One thing wrong with an input file, worded like a compiler error so a person can fix it:
 * {@code advisor.yaml:14:7: notifiers[1].url: not a URL: "htps:/x"}.
 *
 * @param path the field's path from the document root ({@code notifiers[1].url}), empty for the root
 */
public record Problem(SourceLocation location, String path, String message) {

    public Problem {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return location + ": " + (path.isEmpty() ? "" : path + ": ") + message;
    }
}
