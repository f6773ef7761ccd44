package dev.scalingadvisor.advisor.backtest;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.scalingadvisor.core.job.JobRef;
import dev.scalingadvisor.core.scaling.Direction;
import dev.scalingadvisor.core.scaling.ParallelismChanges;
import dev.scalingadvisor.rules.decision.Decision;
import dev.scalingadvisor.rules.decision.Finding;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One job's backtest: each decision a daemon would have told (when it appeared), each finding when first
 * seen, the summary, the parallelism the rate policy would have held each hour, and (for charts) its
 * history reduced to a bounded number of points.
 */
public record JobBacktest(
        @JsonIgnore JobRef job,
        List<DecisionAt> decisions,
        List<FindingAt> findings,
        Summary summary,
        List<HourlyParallelism> hourly,
        @JsonIgnore Optional<JobChart> chart) {

    public JobBacktest {
        Objects.requireNonNull(job, "job");
        decisions = List.copyOf(decisions);
        findings = List.copyOf(findings);
        Objects.requireNonNull(summary, "summary");
        hourly = List.copyOf(hourly);
        Objects.requireNonNull(chart, "chart");
    }

    @JsonProperty("jobId")
    public String jobId() {
        return job.id().value();
    }

    @JsonProperty("jobName")
    public String jobName() {
        return job.name();
    }

    /**
     * A decision as the daemon tells it: when it appeared or went further than the one told before.
     *
     * @param from        the headline vertex's parallelism before
     * @param to          its target
     * @param explanation the reasons, one per line
     */
    public record DecisionAt(
            Instant at, Direction direction, int from, int to, ParallelismChanges vertices, String explanation) {
        public DecisionAt {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(direction, "direction");
            Objects.requireNonNull(vertices, "vertices");
            Objects.requireNonNull(explanation, "explanation");
        }

        /** The decision as told at {@code at}: its headline change and its rendered explanation. */
        public static DecisionAt of(Instant at, Decision decision) {
            return new DecisionAt(
                    at,
                    decision.direction(),
                    decision.currentParallelism(),
                    decision.targetParallelism(),
                    decision.changes().changed(),
                    decision.explanation().render());
        }
    }

    /** A finding (skew, cpu-saturated, ineffective-scale-up, partition-bound) when it was first told. */
    public record FindingAt(Instant at, String kind, String text) {
        public FindingAt {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(text, "text");
        }

        public static FindingAt of(Instant at, Finding finding) {
            return new FindingAt(at, finding.kind(), finding.text());
        }
    }

    /**
     * @param up                       scale-ups told
     * @param down                     scale-downs told
     * @param flaps                    a decision followed within {@link Backtest#FLAP_WINDOW} by one the other way
     * @param underProvisionedMinutes  minutes with at least one up-rule firing
     * @param overProvisionedMinutes   minutes with every down-rule firing
     * @param minutesWithData          minutes the job had readings (its rules known)
     */
    public record Summary(
            int up,
            int down,
            int flaps,
            double underProvisionedMinutes,
            double overProvisionedMinutes,
            double minutesWithData) {}

    /**
     * @param hour        the hour's start
     * @param actual      the widest parallelism the job ran at in the hour
     * @param ratePolicy  the parallelism the rate policy would have held it at: its highest sizing in the hour
     *                    (empty when busy time was never known in the hour)
     */
    public record HourlyParallelism(Instant hour, int actual, Optional<Integer> ratePolicy) {
        public HourlyParallelism {
            Objects.requireNonNull(hour, "hour");
            Objects.requireNonNull(ratePolicy, "ratePolicy");
        }
    }
}
