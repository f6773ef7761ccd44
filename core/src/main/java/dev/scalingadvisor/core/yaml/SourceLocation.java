package dev.scalingadvisor.core.yaml;

import java.util.Objects;

/**
 * Where something came from in an input file, as a person reads it: 1-based line and column, or
 * line 0 when the problem concerns the whole file (it is missing, empty, unreadable).
 */
public record SourceLocation(String file, int line, int column) {

    public SourceLocation {
        Objects.requireNonNull(file, "file");
        if (line < 0 || column < 0) {
            throw new IllegalArgumentException("line and column must not be negative: " + line + ":" + column);
        }
    }

    /** A location that names the file only. */
    public static SourceLocation wholeFile(String file) {
        return new SourceLocation(file, 0, 0);
    }

    @Override
    public String toString() {
        return line == 0 ? file : file + ":" + line + ":" + column;
    }
}
