package dev.scalingadvisor.core.yaml;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A YAML document as a tree that remembers where each node was written, so that every value read
 * from it can be reported with its file, line and column.
 */
public sealed interface YamlNode {

    SourceLocation location();

    /** How the node is called in an error message: "a mapping", "a list", "a value". */
    String kind();

    /** A {@code key: value} mapping, entries in file order. Keys are unique (the loader rejects duplicates). */
    record Mapping(SourceLocation location, List<Entry> entries) implements YamlNode {
        public Mapping {
            Objects.requireNonNull(location, "location");
            entries = List.copyOf(entries);
        }

        public Optional<Entry> entry(String key) {
            return entries.stream().filter(e -> e.key().text().equals(key)).findFirst();
        }

        @Override
        public String kind() {
            return "a mapping";
        }
    }

    /** A list. */
    record Sequence(SourceLocation location, List<YamlNode> items) implements YamlNode {
        public Sequence {
            Objects.requireNonNull(location, "location");
            items = List.copyOf(items);
        }

        @Override
        public String kind() {
            return "a list";
        }
    }

    /**
     * A single value, kept as the text written (after environment interpolation, where the loader does
     * that); typed readers parse it. {@code isNull} marks an empty value, {@code ~} or {@code null}.
     *
     * @param fromEnvironment the text took a {@code ${VAR}} from the environment, so it is not all written in the
     *     file: a secret given so is not exposed by who can read the file
     */
    record Scalar(SourceLocation location, String text, boolean isNull, boolean fromEnvironment) implements YamlNode {
        public Scalar {
            Objects.requireNonNull(location, "location");
            Objects.requireNonNull(text, "text");
        }

        /** A value written in the file itself. */
        public Scalar(SourceLocation location, String text, boolean isNull) {
            this(location, text, isNull, false);
        }

        @Override
        public String kind() {
            return isNull ? "an empty value" : "a value";
        }
    }

    /** One {@code key: value} pair of a mapping. */
    record Entry(Scalar key, YamlNode value) {
        public Entry {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
        }
    }
}
