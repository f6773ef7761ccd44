package dev.scalingadvisor.core.schema;

import java.util.List;
import java.util.Objects;

/**
 * One step of a {@link VersionedSchema}: the SQL statements that take its tables from {@code version - 1} to
 * {@code version}. Version 1 creates the tables; a later one changes them (a column added, an index, data
 * rewritten). A released step is never edited: a change is a new step.
 */
public record Migration(int version, String description, List<String> statements) {

    public Migration {
        if (version < 1) {
            throw new IllegalArgumentException("a migration's version starts at 1, not " + version);
        }
        Objects.requireNonNull(description, "description");
        statements = List.copyOf(statements);
        if (statements.isEmpty()) {
            throw new IllegalArgumentException("migration " + version + " (" + description + ") has no statement");
        }
    }

    public static Migration of(int version, String description, String... statements) {
        return new Migration(version, description, List.of(statements));
    }
}
