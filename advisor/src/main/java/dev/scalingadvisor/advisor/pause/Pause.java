package dev.scalingadvisor.advisor.pause;

import dev.scalingadvisor.core.job.JobNamePattern;
import dev.scalingadvisor.core.job.JobRef;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A pause of the jobs whose name or id a regular expression matches whole (as the job overrides' {@code
 * nameRegex} and Prometheus label matchers do): while it holds, their decisions are still evaluated, logged and
 * recorded, but not sent to the notifiers and not carried out.
 *
 * @param until when it ends by itself; empty for a pause that holds until resumed
 */
public record Pause(JobNamePattern jobs, Instant since, Optional<Instant> until) {

    /** Every job: what {@code scaling-advisor pause} without {@code --job} pauses. */
    public static final String ALL_JOBS = ".*";

    public Pause {
        Objects.requireNonNull(jobs, "jobs");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(until, "until");
        if (until.isPresent() && !until.get().isAfter(since)) {
            throw new IllegalArgumentException("a pause ends after it starts");
        }
    }

    /**
     * A job pattern as a person typed it ({@code --job}, the API's {@code jobs}).
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    public static JobNamePattern jobsPattern(String regex) {
        return JobNamePattern.of(regex);
    }

    /** The regular expression as given; pauses are told apart by it. */
    public String pattern() {
        return jobs.regex();
    }

    public boolean holdsAt(Instant at) {
        return !at.isBefore(since) && until.map(at::isBefore).orElse(true);
    }

    public boolean matches(JobRef job) {
        return jobs.matches(job);
    }

    /** {@code jobs matching "orders.*" until 2026-03-01T12:00:00Z}, for logs, /readyz and CLI output. */
    public String describe() {
        return "jobs matching \"" + pattern() + "\""
                + until.map(u -> " until " + u).orElse(" until resumed");
    }
}
