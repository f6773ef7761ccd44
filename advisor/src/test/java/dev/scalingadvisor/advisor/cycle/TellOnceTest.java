package dev.scalingadvisor.advisor.cycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalingadvisor.advisor.config.Mode;
import dev.scalingadvisor.core.job.ClusterName;
import dev.scalingadvisor.core.job.JobId;
import dev.scalingadvisor.core.job.JobRef;
import dev.scalingadvisor.core.job.VertexId;
import dev.scalingadvisor.core.scaling.Direction;
import dev.scalingadvisor.core.scaling.ParallelismChange;
import dev.scalingadvisor.core.scaling.ParallelismChanges;
import dev.scalingadvisor.rules.decision.Decision;
import dev.scalingadvisor.rules.decision.Finding;
import dev.scalingadvisor.rules.decision.JobPhase;
import dev.scalingadvisor.rules.evaluation.JobEvaluation;
import dev.scalingadvisor.rules.explain.Explanation;
import dev.scalingadvisor.rules.policy.JobShape;
import dev.scalingadvisor.rules.policy.LagFigures;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TellOnceTest {

    private static final JobShape NO_SHAPE = new JobShape(List.of(), LagFigures.NONE);

    private static final JobRef ORDERS = new JobRef(new JobId("a1"), "orders");
    private static final Optional<ClusterName> PROD = Optional.of(new ClusterName("prod"));
    private static final Finding SKEW = new Finding.Skew("v1", "counter", 900, 300, 2);

    private static final Duration CYCLE = Duration.ofSeconds(15);

    private TellOnce.Told told = TellOnce.Told.NOTHING;
    private Instant now = Instant.parse("2026-03-02T10:00:00Z");

    @Test
    void aDecisionIsFreshOnceAndHeldEveryCycleWhileItHolds() {
        List<Transition> first = cycle(seen(decided(2, 4)));
        List<Transition> second = cycle(seen(decided(2, 4)));

        assertThat(first)
                .singleElement()
                .isInstanceOfSatisfying(
                        Transition.Decided.class, d -> assertThat(d.fresh()).isTrue());
        assertThat(second)
                .singleElement()
                .isInstanceOfSatisfying(
                        Transition.Decided.class, d -> assertThat(d.fresh()).isFalse());
    }

    @Test
    void aChangedTargetIsToldAgain() {
        cycle(seen(decided(2, 4)));

        assertThat(cycle(seen(decided(2, 6))))
                .singleElement()
                .isInstanceOfSatisfying(
                        Transition.Decided.class, d -> assertThat(d.fresh()).isTrue());
    }

    @Test
    void aTargetBackWithinTheToldOneKeepsTheToldOne() {
        cycle(seen(decided(2, 6)));

        assertThat(cycle(seen(decided(2, 4)))).singleElement().isInstanceOfSatisfying(Transition.Decided.class, d -> {
            assertThat(d.fresh()).isFalse();
            assertThat(d.evaluation().decision().targetParallelism()).isEqualTo(6);
        });
    }

    @Test
    void aToldDecisionStaysToldWhileAGuardHoldsItBackAndIsNotToldAgainAfter() {
        cycle(seen(decided(2, 4)));

        // A saturated host, a cooldown: the rule still fires, a guard holds the decision back.
        for (int i = 0; i < 20; i++) {
            assertThat(cycle(seen(candidate(2)))).isEmpty();
        }
        assertThat(cycle(seen(decided(2, 4))))
                .singleElement()
                .isInstanceOfSatisfying(
                        Transition.Decided.class, d -> assertThat(d.fresh()).isFalse());
        assertThat(cycle(seen(steady())))
                .singleElement()
                .isInstanceOfSatisfying(
                        Transition.Resolved.class,
                        r -> assertThat(r.resolution()).isEqualTo(Transition.Resolution.CLEARED));
    }

    @Test
    void aDecisionThatClearsIsResolvedOnceWithTheChangeThatWasTold() {
        cycle(seen(decided(2, 4)));

        List<Transition> cleared = cycle(seen(steady()));

        assertThat(cleared).singleElement().isInstanceOfSatisfying(Transition.Resolved.class, r -> {
            assertThat(r.resolution()).isEqualTo(Transition.Resolution.CLEARED);
            assertThat(r.decision().targetParallelism()).isEqualTo(4);
        });
        assertThat(cycle(seen(steady()))).isEmpty();
    }

    @Test
    void aDecisionWhoseJobIsRescalingIsCarriedOutNotResolved() {
        cycle(seen(decided(2, 4)));

        List<Transition> restarting = cycle(new TellOnce.Seen(
                now,
                List.of(new TellOnce.JobSeen(stabilizing(), PROD, Mode.ACT, true)),
                Map.of(),
                Set.of(new JobOnCluster(PROD.get(), "orders"))));

        assertThat(restarting)
                .singleElement()
                .isInstanceOfSatisfying(
                        Transition.Resolved.class,
                        r -> assertThat(r.resolution()).isEqualTo(Transition.Resolution.CARRIED_OUT));
    }

    @Test
    void aJobRedeployedUnderANewIdByItsRescaleIsCarriedOutAndAVanishedOneIsGone() {
        cycle(seen(decided(2, 4)));
        List<Transition> redeployed =
                cycle(new TellOnce.Seen(now, List.of(), Map.of(), Set.of(new JobOnCluster(PROD.get(), "orders"))));
        cycle(seen(decided(2, 4)));
        List<Transition> cancelled = cycle(new TellOnce.Seen(now, List.of(), Map.of(), Set.of()));

        assertThat(redeployed)
                .singleElement()
                .isInstanceOfSatisfying(
                        Transition.Resolved.class,
                        r -> assertThat(r.resolution()).isEqualTo(Transition.Resolution.CARRIED_OUT));
        assertThat(cancelled)
                .singleElement()
                .isInstanceOfSatisfying(
                        Transition.Resolved.class,
                        r -> assertThat(r.resolution()).isEqualTo(Transition.Resolution.JOB_GONE));
    }

    @Test
    void findingsAreFreshOnceHeldWhileTheyHoldAndClearedOnceGoneForTheirHold() {
        List<Transition> first = cycle(seen(withFinding()));
        List<Transition> second = cycle(seen(withFinding()));
        Instant lastSeen = now.minus(CYCLE);
        List<Transition> gone = new ArrayList<>();
        while (now.isBefore(lastSeen.plus(TellOnce.FINDING_HOLD))) {
            gone.addAll(cycle(seen(steady())));
        }
        assertThat(gone).as("gone for less than the hold").isEmpty();
        List<Transition> cleared = cycle(seen(steady()));

        assertThat(first)
                .singleElement()
                .isInstanceOfSatisfying(
                        Transition.FindingHolds.class,
                        f -> assertThat(f.fresh()).isTrue());
        assertThat(second)
                .singleElement()
                .isInstanceOfSatisfying(
                        Transition.FindingHolds.class,
                        f -> assertThat(f.fresh()).isFalse());
        assertThat(cleared)
                .singleElement()
                .isInstanceOfSatisfying(
                        Transition.FindingCleared.class,
                        f -> assertThat(f.finding()).isEqualTo("skew/v1"));
    }

    @Test
    void aFindingBackWithinItsHoldIsNotToldAgain() {
        cycle(seen(withFinding()));
        for (int i = 0; i < 8; i++) {
            cycle(seen(steady())); // a missed scrape, a rule re-arming its for
        }

        assertThat(cycle(seen(withFinding())))
                .singleElement()
                .isInstanceOfSatisfying(
                        Transition.FindingHolds.class,
                        f -> assertThat(f.fresh()).isFalse());
    }

    @Test
    void actModeWithoutAClusterIsSaidOncePerJob() {
        TellOnce.Seen noCluster = new TellOnce.Seen(
                now,
                List.of(new TellOnce.JobSeen(decided(2, 4), Optional.empty(), Mode.ACT, false)),
                Map.of(),
                Set.of());

        assertThat(cycle(noCluster)).hasAtLeastOneElementOfType(Transition.WithoutCluster.class);
        assertThat(cycle(noCluster)).doesNotHaveAnyElementsOfTypes(Transition.WithoutCluster.class);
    }

    @Test
    void aProblemIsRaisedAndResolvedOnceThoughItsWordingChanges() {
        TellOnce.Seen reset =
                new TellOnce.Seen(now, List.of(), Map.of("cluster prod", "prod: connection reset"), Set.of());
        TellOnce.Seen open = new TellOnce.Seen(now, List.of(), Map.of("cluster prod", "prod: breaker open"), Set.of());

        assertThat(cycle(reset)).containsExactly(new Transition.ProblemRaised("prod: connection reset"));
        assertThat(cycle(open)).isEmpty();
        assertThat(cycle(reset)).isEmpty();
        assertThat(cycle(new TellOnce.Seen(now, List.of(), Map.of(), Set.of())))
                .containsExactly(new Transition.ProblemResolved("prod: connection reset"));
    }

    private List<Transition> cycle(TellOnce.Seen seen) {
        TellOnce.Step step = TellOnce.step(told, seen);
        told = step.told();
        now = now.plus(CYCLE);
        return new ArrayList<>(step.transitions());
    }

    private TellOnce.Seen seen(JobEvaluation job) {
        return new TellOnce.Seen(
                now, List.of(new TellOnce.JobSeen(job, PROD, Mode.RECOMMEND, false)), Map.of(), Set.of());
    }

    private static JobEvaluation decided(int from, int to) {
        Decision decision = new Decision(
                Direction.of(from, to),
                from,
                ParallelismChanges.of(new ParallelismChange(new VertexId("v1"), "counter", from, to)),
                new Explanation(List.of()));
        return new JobEvaluation(
                ORDERS, JobPhase.DECIDED, JobPhase.UP_CANDIDATE, List.of(), decision, List.of(), NO_SHAPE);
    }

    private static JobEvaluation steady() {
        return new JobEvaluation(
                ORDERS,
                JobPhase.STEADY,
                JobPhase.STEADY,
                List.of(),
                Decision.none(2, new Explanation(List.of())),
                List.of(),
                NO_SHAPE);
    }

    private static JobEvaluation candidate(int parallelism) {
        return new JobEvaluation(
                ORDERS,
                JobPhase.UP_CANDIDATE,
                JobPhase.UP_CANDIDATE,
                List.of(),
                Decision.none(parallelism, new Explanation(List.of())),
                List.of(),
                NO_SHAPE);
    }

    private static JobEvaluation stabilizing() {
        return new JobEvaluation(
                ORDERS,
                JobPhase.STABILIZING,
                JobPhase.DECIDED,
                List.of(),
                Decision.none(4, new Explanation(List.of())),
                List.of(),
                NO_SHAPE);
    }

    private static JobEvaluation withFinding() {
        return new JobEvaluation(
                ORDERS,
                JobPhase.UP_CANDIDATE,
                JobPhase.UP_CANDIDATE,
                List.of(),
                Decision.none(2, new Explanation(List.of())),
                List.of(SKEW),
                NO_SHAPE);
    }
}
