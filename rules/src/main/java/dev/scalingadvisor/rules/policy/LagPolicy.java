package dev.scalingadvisor.rules.policy;

import dev.scalingadvisor.core.text.ValueText;
import dev.scalingadvisor.core.time.PrometheusDurations;
import dev.scalingadvisor.rules.explain.Reason;
import dev.scalingadvisor.rules.rule.PolicyKind;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sizes the bottleneck for the rate the job must reach to keep up with its input and also drain its
 * backlog within {@code catchUpDuration}: {@code needed = sourceRate + growth + backlog / catchUp}, then the
 * rate policy's arithmetic with {@code needed} in place of the rate measured now:
 * {@code ceil(current × busy × needed / sourceRate / targetUtilization)}. Scale-downs follow the rate policy.
 */
public final class LagPolicy implements SizingPolicy {

    private final double targetUtilization;
    private final Duration catchUp;
    private final RatePolicy rate;

    public LagPolicy(double targetUtilization, Duration catchUp) {
        this.targetUtilization = targetUtilization;
        this.catchUp = catchUp;
        this.rate = new RatePolicy(targetUtilization);
    }

    @Override
    public Sizing up(JobShape job) {
        LagFigures lag = job.lag();
        if (lag.sourceRate().isEmpty() || lag.sourceRate().getAsDouble() <= 0) {
            return Sizing.unusable("the sources' read rate is unknown or zero");
        }
        if (lag.backlog().isEmpty()) {
            return Sizing.unusable("the backlog is unknown (no pendingRecords or Kafka lag series)");
        }
        Optional<Vertex> bottleneck = job.bottleneck();
        if (bottleneck.isEmpty()) {
            return Sizing.unusable("no busy time to find the bottleneck vertex");
        }
        Vertex v = bottleneck.get();
        double sourceRate = lag.sourceRate().getAsDouble();
        double growth = Math.max(0, lag.backlogGrowth().orElse(0));
        double backlog = Math.max(0, lag.backlog().getAsDouble());
        double needed = sourceRate + growth + backlog / Math.max(1, catchUp.toSeconds());
        double busy = v.busyRatio().getAsDouble();
        int target = SizingPolicy.ceil(v.parallelism() * busy * needed / sourceRate / targetUtilization);
        String formula = "needed " + ValueText.of(sourceRate) + " + " + ValueText.of(growth) + " + "
                + ValueText.of(backlog) + " / " + PrometheusDurations.format(catchUp) + " = " + ValueText.of(needed)
                + " records/s; ceil(" + v.parallelism() + " × busy " + ValueText.of(busy) + " × " + ValueText.of(needed)
                + " / " + ValueText.of(sourceRate) + " / " + ValueText.of(targetUtilization) + ")";
        Reason sized = new Reason.Sized("", PolicyKind.LAG, v.label(), v.parallelism(), target, formula);
        if (target <= v.parallelism()) {
            return Sizing.of(
                    Map.of(),
                    List.of(
                            sized,
                            new Reason.Note("lag policy: " + v.label() + " keeps up and drains the backlog within "
                                    + PrometheusDurations.format(catchUp) + " as it is")));
        }
        return Sizing.of(Map.of(v.id(), target), List.of(sized));
    }

    @Override
    public Sizing down(JobShape job) {
        return rate.down(job);
    }

    @Override
    public PolicyKind kind() {
        return PolicyKind.LAG;
    }
}
