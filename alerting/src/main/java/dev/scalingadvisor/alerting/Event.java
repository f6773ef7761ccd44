package dev.scalingadvisor.alerting;

import dev.scalingadvisor.core.job.JobId;
import dev.scalingadvisor.core.job.VertexId;
import dev.scalingadvisor.core.scaling.Direction;
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
 * @param direction   derived from {@code parallelism} unless set; {@link Direction#NONE} for findings
 * @param parallelism current and target parallelism; present for every kind except findings, where optional
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
        String cluster,
        JobId jobId,
        String jobName,
        Direction direction,
        Optional<ParallelismChange> parallelism,
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
        requireText(cluster, "cluster");
        Objects.requireNonNull(jobId, "jobId");
        requireText(jobName, "jobName");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(parallelism, "parallelism");
        rules = List.copyOf(rules);
        policy = List.copyOf(policy);
        guards = List.copyOf(guards);
        Objects.requireNonNull(finding, "finding");
        steps = List.copyOf(steps);
        Objects.requireNonNull(flinkJobUrl, "flinkJobUrl");
        requireText(dedupKey, "dedupKey");
        if (kind != EventKind.FINDING && parallelism.isEmpty()) {
            throw new IllegalArgumentException(
                    kind.spelling() + " event for job " + jobName + " needs current and target parallelism");
        }
        if (kind == EventKind.FINDING && finding.filter(f -> !f.isBlank()).isEmpty()) {
            throw new IllegalArgumentException("finding event for job " + jobName + " needs the finding's text");
        }
        Direction implied = parallelism.map(ParallelismChange::direction).orElse(Direction.NONE);
        if (implied != Direction.NONE && implied != direction) {
            throw new IllegalArgumentException("event for job " + jobName + ": direction " + direction.spelling()
                    + " contradicts parallelism " + parallelism.get().current() + " -> "
                    + parallelism.get().target());
        }
    }

    private static void requireText(String value, String field) {
        Objects.requireNonNull(value, field);
        if (value.isBlank()) {
            throw new IllegalArgumentException("event " + field + " must not be blank");
        }
    }

    /** Starts an event; everything not given here is optional or derived. */
    public static Builder builder(EventKind kind, Instant at, String cluster, JobId jobId, String jobName) {
        return new Builder(kind, at, cluster, jobId, jobName);
    }

    /** The key a recommendation and its resolution share unless the caller sets one: per cluster and job. */
    public static String defaultDedupKey(EventKind kind, String cluster, JobId jobId) {
        EventKind group = kind == EventKind.RECOMMENDATION_RESOLVED ? EventKind.RECOMMENDATION : kind;
        return group.spelling() + "/" + cluster + "/" + jobId.value();
    }

    /** Collects an event's parts; {@link #build()} validates them all at once through the record's constructor. */
    public static final class Builder {
        private final EventKind kind;
        private final Instant at;
        private final String cluster;
        private final JobId jobId;
        private final String jobName;
        private String id;
        private Direction direction;
        private Integer current;
        private Integer target;
        private final List<VertexChange> vertices = new ArrayList<>();
        private final List<FiredRule> rules = new ArrayList<>();
        private final List<PolicyStep> policy = new ArrayList<>();
        private final List<GuardResult> guards = new ArrayList<>();
        private String finding;
        private final List<RescaleStep> steps = new ArrayList<>();
        private URI flinkJobUrl;
        private String dedupKey;

        private Builder(EventKind kind, Instant at, String cluster, JobId jobId, String jobName) {
            this.kind = Objects.requireNonNull(kind, "kind");
            this.at = Objects.requireNonNull(at, "at");
            this.cluster = cluster;
            this.jobId = Objects.requireNonNull(jobId, "jobId");
            this.jobName = jobName;
        }

        /** Overrides the id, which is otherwise derived from the event's content (stable, so goldens are too). */
        public Builder id(String value) {
            this.id = value;
            return this;
        }

        public Builder parallelism(int currentParallelism, int targetParallelism) {
            this.current = currentParallelism;
            this.target = targetParallelism;
            return this;
        }

        public Builder vertex(VertexId vertexId, String name, int vertexCurrent, int vertexTarget) {
            vertices.add(new VertexChange(vertexId, name, vertexCurrent, vertexTarget));
            return this;
        }

        /** Only needed when the job-level parallelism does not change but its vertices do. */
        public Builder direction(Direction value) {
            this.direction = value;
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
            if (current == null && !vertices.isEmpty()) {
                throw new IllegalArgumentException(
                        "event for job " + jobName + ": vertices given without the job's parallelism");
            }
            Optional<ParallelismChange> change =
                    current == null ? Optional.empty() : Optional.of(new ParallelismChange(current, target, vertices));
            Direction dir = direction != null
                    ? direction
                    : change.map(ParallelismChange::direction).orElse(Direction.NONE);
            String key = dedupKey != null ? dedupKey : defaultDedupKey(kind, String.valueOf(cluster), jobId);
            String eventId = id != null ? id : derivedId(key, change);
            return new Event(
                    eventId,
                    kind,
                    at,
                    cluster,
                    jobId,
                    jobName,
                    dir,
                    change,
                    rules,
                    policy,
                    guards,
                    Optional.ofNullable(finding),
                    steps,
                    Optional.ofNullable(flinkJobUrl),
                    key);
        }

        private String derivedId(String key, Optional<ParallelismChange> change) {
            String content = kind + "|" + at + "|" + key + "|" + jobName + "|"
                    + change.map(c -> c.current() + ">" + c.target()).orElse("") + "|"
                    + (finding == null ? "" : finding);
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
                return "evt_" + HexFormat.of().formatHex(digest, 0, 12);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every JVM has SHA-256", e);
            }
        }
    }
}
