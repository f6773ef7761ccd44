package dev.scalingadvisor.core.yaml;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Collects every problem found while reading input, so that a person sees all of them at once
 * instead of fixing one, restarting, and meeting the next.
 */
public final class Problems {

    private final List<Problem> found = new ArrayList<>();
    private final List<Problem> warnings = new ArrayList<>();

    /**
     * Adds a problem unless one was already found at the same spot: the first is the cause (an unset
     * environment variable), what follows from it (the value is not a URL) would only be noise.
     */
    public void add(SourceLocation location, String path, String message) {
        boolean known = found.stream()
                .anyMatch(p -> p.location().equals(location) && p.path().equals(path));
        if (!known) {
            found.add(new Problem(location, path, message));
        }
    }

    /**
     * Notes something valid but unwise (a secret any user of the machine can read): reported by {@code check} and
     * logged by the daemon, never a reason to refuse the file.
     */
    public void warn(SourceLocation location, String path, String message) {
        warnings.add(new Problem(location, path, message));
    }

    /** The warnings in the order found, which is file order. */
    public List<Problem> warnings() {
        return List.copyOf(warnings);
    }

    public boolean isEmpty() {
        return found.isEmpty();
    }

    /** The problems in file order, so the report reads top to bottom like the file. */
    public List<Problem> all() {
        return found.stream()
                .sorted(Comparator.comparing((Problem p) -> p.location().file())
                        .thenComparingInt(p -> p.location().line())
                        .thenComparingInt(p -> p.location().column()))
                .toList();
    }

    /** Throws when anything was found; call once, after all input has been read. */
    public void throwIfAny() {
        if (!found.isEmpty()) {
            throw new InvalidInputException(all());
        }
    }
}
