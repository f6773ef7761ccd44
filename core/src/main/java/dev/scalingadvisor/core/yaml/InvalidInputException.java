package dev.scalingadvisor.core.yaml;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Input (configuration, rule packs) that cannot be used, with every problem found in it. Its message
 * is the complete report, one problem per line; callers print it as is, never a stack trace.
 */
public final class InvalidInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<Problem> problems;

    public InvalidInputException(List<Problem> problems) {
        super(problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an InvalidInputException needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
