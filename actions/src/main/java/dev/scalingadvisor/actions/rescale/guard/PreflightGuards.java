package dev.scalingadvisor.actions.rescale.guard;

import java.util.List;
import java.util.Optional;

/** The pre-flight guards in the order they run: the advisor's own bookkeeping first, then the job's facts; the first refusal wins. */
public record PreflightGuards(List<BookkeepingGuard> bookkeeping, List<JobGuard> job) {

    public PreflightGuards {
        bookkeeping = List.copyOf(bookkeeping);
        job = List.copyOf(job);
    }

    /** Every guard of the list, in order of cost and of how fundamental the refusal is. */
    public static PreflightGuards standard() {
        return new PreflightGuards(
                List.of(
                        new CircuitBreakerGuard(),
                        new ExcludedPeriodGuard(),
                        new ConcurrencyGuard(),
                        new BudgetGuard()),
                List.of(
                        new JobRunningGuard(),
                        new StabilizationGuard(),
                        new StaleRequestGuard(),
                        new CheckpointAgeGuard(),
                        new CheckpointFailuresGuard(),
                        new MaxParallelismGuard(),
                        new FreeSlotsGuard()));
    }

    public Optional<Refusal> check(Bookkeeping facts) {
        for (BookkeepingGuard guard : bookkeeping) {
            Optional<Refusal> refusal = guard.check(facts);
            if (refusal.isPresent()) {
                return refusal;
            }
        }
        return Optional.empty();
    }

    public Optional<Refusal> check(PreflightFacts facts) {
        for (JobGuard guard : job) {
            Optional<Refusal> refusal = guard.check(facts);
            if (refusal.isPresent()) {
                return refusal;
            }
        }
        return Optional.empty();
    }
}
