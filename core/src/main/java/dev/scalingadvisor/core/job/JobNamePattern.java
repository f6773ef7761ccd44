package dev.scalingadvisor.core.job;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.Objects;

/**
 * A regular expression a person wrote to pick jobs by name (or id): {@code jobs[].nameRegex}, a notifier's
 * {@code jobs}, a pause's and the decision history's {@code jobs}, {@code backtest --job}. Matched against the whole
 * name, in time linear in the name's length: RE2 syntax, the dialect of Prometheus' own {@code =~}, run by RE2/J. So a
 * pattern that backtracks for ever in {@code java.util.regex}, such as {@code (a+)+$} against a long name, cannot hold
 * up an evaluation cycle, a notification or a request; what RE2 leaves out to promise that (back references,
 * look-around) is refused where the pattern is read.
 */
public final class JobNamePattern {

    /** Every job. */
    public static final JobNamePattern ALL = of(".*");

    private final Pattern compiled;

    private JobNamePattern(Pattern compiled) {
        this.compiled = compiled;
    }

    /**
     * @throws IllegalArgumentException naming what is wrong, when {@code regex} is no RE2 regular expression
     */
    public static JobNamePattern of(String regex) {
        Objects.requireNonNull(regex, "regex");
        try {
            return new JobNamePattern(Pattern.compile(regex));
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("not a regular expression (RE2 syntax, as in PromQL): "
                    + e.getDescription() + " in \"" + regex + "\"");
        }
    }

    /** Whether the whole of {@code name} matches. */
    public boolean matches(String name) {
        return compiled.matches(name);
    }

    /** Whether the job's name or its id matches. */
    public boolean matches(JobRef job) {
        return matches(job.name()) || matches(job.id().value());
    }

    /** The expression as written. */
    public String regex() {
        return compiled.pattern();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof JobNamePattern that && regex().equals(that.regex());
    }

    @Override
    public int hashCode() {
        return regex().hashCode();
    }

    @Override
    public String toString() {
        return regex();
    }
}
