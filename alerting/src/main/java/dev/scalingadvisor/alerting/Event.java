package dev.scalingadvisor.alerting;

import dev.scalingadvisor.core.job.ClusterName;
import dev.scalingadvisor.core.job.JobId;
import dev.scalingadvisor.core.outcome.EventKind;
import dev.scalingadvisor.core.outcome.Severity;
import dev.scalingadvisor.core.scaling.Direction;
import dev.scalingadvisor.core.scaling.ParallelismChange;
import dev.scalingadvisor.core.scaling.ParallelismChanges;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One outcome the advisor tells people about, in alerting's own terms: what happened to which job, why
 * (rules, policy, guards), how (rescale steps) and where to look (links). Built with {@link #builder}.
 *
 * @param id          unique per occurrence; the webhook's {@code webhook-id}, stable across retries
 * @param at          when the advisor decided or observed it
 * @param cluster     the job's Flink cluster; empty for a job no configured cluster reports
 * @param severity    how urgently people should look; by default {@link #defaultSeverity(EventKind) its kind's}
 * @param direction   the direction of {@code changes}; {@link Direction#NONE} for findings
 * @param changes     the vertices the event is about, with their parallelism before and after (the recommended
 *                    or attempted target); present for every kind except findings, where optional
 * @param rules       the rules that fired, strongest reason first
 * @param policy      how the target was computed: raw target, clamps, alignment
 * @param guards      the pre-flight guards' results, for rescale events
 * @param finding     what was found, for {@link EventKind#FINDING}
 * @param steps       the rescale's steps with timings, for rescale events
 * @param flinkJobUrl the job's page in the Flink web UI
 * @param dedupKey    events with the same key say the same thing about the same condition; a
 *                    {@link EventKind#RECOMMENDATION_RESOLVED} shares its recommendation's key
 */
public record Event(
        String id,
        EventKind kind,
        Instant at,
        Optional<ClusterName> cluster,
        JobId jobId,
        String jobName,
        Severity severity,
        Direction direction,
        Optional<ParallelismChanges> changes,
        List<FiredRule> rules,
        List<PolicyStep> policy,
        List<GuardResult> guards,
        Optional<String> finding,
        List<RescaleStep> steps,
        Optional<URI> flinkJobUrl,
        String dedupKey) {

    public Event {
        requireText(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(jobId, "jobId");
        requireText(jobName, "jobName");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(changes, "changes");
        rules = List.copyOf(rules);
        policy = List.copyOf(policy);
        guards = List.copyOf(guards);
        Objects.requireNonNull(finding, "finding");
        steps = List.copyOf(steps);
        Objects.requireNonNull(flinkJobUrl, "flinkJobUrl");
        requireText(dedupKey, "dedupKey");
        if (kind != EventKind.FINDING
                && changes.filter(ParallelismChanges::changesAny).isEmpty()) {
            throw new IllegalArgumentException(
                    kind.spelling() + " event for job " + jobName + " needs the vertices it changes");
        }
        if (kind == EventKind.FINDING && finding.filter(f -> !f.isBlank()).isEmpty()) {
            throw new IllegalArgumentException("finding event for job " + jobName + " needs the finding's text");
        }
        if (direction != changes.map(ParallelismChanges::direction).orElse(Direction.NONE)) {
            throw new IllegalArgumentException("event for job " + jobName + ": direction " + direction.spelling()
                    + " contradicts its changes " + changes.orElse(ParallelismChanges.NONE));
        }
    }

    private static void requireText(String value, String field) {
        Objects.requireNonNull(value, field);
        if (value.isBlank()) {
            throw new IllegalArgumentException("event " + field + " must not be blank");
        }
    }

    /** Starts an event; everything not given here is optional or derived. */
    public static Builder builder(
            EventKind kind, Instant at, Optional<ClusterName> cluster, JobId jobId, String jobName) {
        return new Builder(kind, at, cluster, jobId, jobName);
    }

    /** The cluster as messages, payloads and labels name it ({@link ClusterName#spelling}). */
    public String clusterSpelling() {
        return ClusterName.spelling(cluster);
    }

    /** The "from → to" a headline shows, when the event is about a change. */
    public Optional<ParallelismChange> headline() {
        return changes.map(ParallelismChanges::headline);
    }

    /** The key a recommendation and its resolution share unless the caller sets one: per cluster and job. */
    public static String defaultDedupKey(EventKind kind, Optional<ClusterName> cluster, JobId jobId) {
        EventKind group = kind == EventKind.RECOMMENDATION_RESOLVED ? EventKind.RECOMMENDATION : kind;
        return group.spelling() + "/" + ClusterName.spelling(cluster) + "/" + jobId.value();
    }

    /**
     * How urgently an event of this kind asks for people unless its source says otherwise: a failed rescale is
     * critical, a refusal and a rollback are warnings, the rest informs.
     */
    public static Severity defaultSeverity(EventKind kind) {
        return switch (kind) {
            case RESCALE_FAILED -> Severity.CRITICAL;
            case RESCALE_BLOCKED, ROLLED_BACK -> Severity.WARNING;
            case RECOMMENDATION, RECOMMENDATION_RESOLVED, RESCALE_STARTED, RESCALE_SUCCEEDED, FINDING -> Severity.INFO;
        };
    }

    /** Collects an event's parts; {@link #build()} validates them all at once through the record's constructor. */
    public static final class Builder {
        private final EventKind kind;
        private final Instant at;
        private final Optional<ClusterName> cluster;
        private final JobId jobId;
        private final String jobName;
        private String id;
        private Severity severity;
        private ParallelismChanges changes;
        private final List<FiredRule> rules = new ArrayList<>();
        private final List<PolicyStep> policy = new ArrayList<>();
        private final List<GuardResult> guards = new ArrayList<>();
        private String finding;
        private final List<RescaleStep> steps = new ArrayList<>();
        private URI flinkJobUrl;
        private String dedupKey;

        private Builder(EventKind kind, Instant at, Optional<ClusterName> cluster, JobId jobId, String jobName) {
            this.kind = Objects.requireNonNull(kind, "kind");
            this.at = Objects.requireNonNull(at, "at");
            this.cluster = Objects.requireNonNull(cluster, "cluster");
            this.jobId = Objects.requireNonNull(jobId, "jobId");
            this.jobName = jobName;
        }

        /** Overrides the id, which is otherwise derived from the event's content (stable, so goldens are too). */
        public Builder id(String value) {
            this.id = value;
            return this;
        }

        /** Overrides {@link #defaultSeverity(EventKind)}. */
        public Builder severity(Severity value) {
            this.severity = value;
            return this;
        }

        /** The vertices the event is about; the headline and the direction follow from them. */
        public Builder changes(ParallelismChanges value) {
            this.changes = value;
            return this;
        }

        public Builder rule(FiredRule rule) {
            rules.add(rule);
            return this;
        }

        public Builder policyStep(String step, double parallelismAfter, String detail) {
            policy.add(new PolicyStep(step, parallelismAfter, detail));
            return this;
        }

        public Builder guard(String name, boolean passed, String reason) {
            guards.add(new GuardResult(name, passed, reason));
            return this;
        }

        public Builder finding(String text) {
            this.finding = text;
            return this;
        }

        public Builder step(RescaleStep step) {
            steps.add(step);
            return this;
        }

        public Builder flinkJobUrl(URI url) {
            this.flinkJobUrl = url;
            return this;
        }

        /**
         * Overrides {@link #defaultDedupKey}. Give one-off events (a rescale's outcome) a key unique to the
         * occurrence, such as one holding the rescale's id, when every occurrence must reach people.
         */
        public Builder dedupKey(String key) {
            this.dedupKey = key;
            return this;
        }

        /**
         * @throws IllegalArgumentException naming the first invalid part
         */
        public Event build() {
            Optional<ParallelismChanges> change = Optional.ofNullable(changes);
            String key = dedupKey != null ? dedupKey : defaultDedupKey(kind, cluster, jobId);
            String eventId = id != null ? id : derivedId(key, change);
            return new Event(
                    eventId,
                    kind,
                    at,
                    cluster,
                    jobId,
                    jobName,
                    severity != null ? severity : defaultSeverity(kind),
                    change.filter(ParallelismChanges::changesAny)
                            .map(ParallelismChanges::direction)
                            .orElse(Direction.NONE),
                    change,
                    rules,
                    policy,
                    guards,
                    Optional.ofNullable(finding),
                    steps,
                    Optional.ofNullable(flinkJobUrl),
                    key);
        }

        private String derivedId(String key, Optional<ParallelismChanges> change) {
            String content = kind + "|" + at + "|" + key + "|" + jobName + "|"
                    + change.filter(ParallelismChanges::changesAny)
                            .map(c -> c.headline().from() + ">" + c.headline().to())
                            .orElse("")
                    + "|" + (finding == null ? "" : finding);
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
                return "evt_" + HexFormat.of().formatHex(digest, 0, 12);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every JVM has SHA-256", e);
            }
        }
    }
}
