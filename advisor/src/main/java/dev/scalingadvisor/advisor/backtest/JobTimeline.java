package dev.scalingadvisor.advisor.backtest;

import dev.scalingadvisor.advisor.backtest.JobBacktest.DecisionAt;
import dev.scalingadvisor.advisor.backtest.JobBacktest.FindingAt;
import dev.scalingadvisor.advisor.backtest.JobBacktest.HourlyParallelism;
import dev.scalingadvisor.core.job.JobRef;
import dev.scalingadvisor.core.scaling.Direction;
import dev.scalingadvisor.rules.decision.Decision;
import dev.scalingadvisor.rules.decision.Finding;
import dev.scalingadvisor.rules.evaluation.JobEvaluation;
import dev.scalingadvisor.rules.evaluation.RuleReport;
import dev.scalingadvisor.rules.policy.RatePolicy;
import dev.scalingadvisor.rules.rule.RuleDirection;
import dev.scalingadvisor.rules.rule.RuleStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One job's backtest as it accumulates, step by step: what is told, the provisioning counters, the hourly
 * parallelism and the chart buckets. Its memory does not grow with the range beyond the told decisions and
 * findings, one entry per hour and the bounded chart.
 */
final class JobTimeline {

    private final JobRef job;
    private final Duration interval;
    private final RatePolicy ratePolicy;
    private final Optional<JobChartRecorder> chart;
    private final List<DecisionAt> decisions = new ArrayList<>();
    private final List<FindingAt> findings = new ArrayList<>();
    private final Map<Instant, int[]> hourly = new LinkedHashMap<>();
    private int up;
    private int down;
    private int flaps;
    private long underSteps;
    private long overSteps;
    private long stepsWithData;

    JobTimeline(JobRef job, Duration interval, RatePolicy ratePolicy, Optional<JobChartRecorder> chart) {
        this.job = job;
        this.interval = interval;
        this.ratePolicy = ratePolicy;
        this.chart = chart;
    }

    JobRef job() {
        return job;
    }

    /** One step's evaluation of the job. */
    void stepped(Instant at, JobEvaluation evaluation) {
        boolean known = false;
        boolean upFiring = false;
        boolean everyDownFiring = true;
        boolean anyDown = false;
        for (RuleReport rule : evaluation.rules()) {
            known |= rule.state() != RuleStatus.UNKNOWN;
            if (rule.direction() == RuleDirection.UP) {
                upFiring |= rule.state() == RuleStatus.FIRING;
            } else {
                anyDown = true;
                everyDownFiring &= rule.state() == RuleStatus.FIRING;
            }
        }
        if (known) {
            stepsWithData++;
        }
        if (upFiring) {
            underSteps++;
        }
        if (anyDown && everyDownFiring) {
            overSteps++;
        }
        if (!evaluation.shape().vertices().isEmpty()) {
            int[] hour = hourly.computeIfAbsent(at.truncatedTo(ChronoUnit.HOURS), h -> new int[] {0, 0});
            hour[0] = Math.max(hour[0], evaluation.shape().parallelism());
            OptionalInt held = ratePolicy.held(evaluation.shape());
            if (held.isPresent()) {
                hour[1] = Math.max(hour[1], held.getAsInt());
            }
        }
        chart.ifPresent(c -> c.record(at, evaluation));
    }

    /** A decision the daemon would have told at {@code at}. */
    void decided(Instant at, Decision decision) {
        if (!decisions.isEmpty()) {
            DecisionAt previous = decisions.get(decisions.size() - 1);
            if (previous.direction() != decision.direction()
                    && Duration.between(previous.at(), at).compareTo(Backtest.FLAP_WINDOW) <= 0) {
                flaps++;
            }
        }
        if (decision.direction() == Direction.UP) {
            up++;
        } else {
            down++;
        }
        decisions.add(DecisionAt.of(at, decision));
    }

    void found(Instant at, Finding finding) {
        findings.add(FindingAt.of(at, finding));
    }

    JobBacktest result() {
        List<HourlyParallelism> hours = new ArrayList<>();
        hourly.forEach((hour, figures) -> hours.add(
                new HourlyParallelism(hour, figures[0], figures[1] > 0 ? Optional.of(figures[1]) : Optional.empty())));
        return new JobBacktest(
                job,
                decisions,
                findings,
                new JobBacktest.Summary(
                        up, down, flaps, minutes(underSteps), minutes(overSteps), minutes(stepsWithData)),
                hours,
                chart.map(c -> c.result(decisions, findings)));
    }

    private double minutes(long steps) {
        return steps * interval.toMillis() / 60_000.0;
    }
}
