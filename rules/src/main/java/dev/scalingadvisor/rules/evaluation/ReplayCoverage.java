package dev.scalingadvisor.rules.evaluation;

import dev.scalingadvisor.core.job.JobId;
import dev.scalingadvisor.core.job.JobRef;
import dev.scalingadvisor.core.job.VertexId;
import dev.scalingadvisor.rules.decision.GuardHold;
import dev.scalingadvisor.rules.decision.GuardReadings;
import dev.scalingadvisor.rules.decision.JobPhase;
import dev.scalingadvisor.rules.decision.ScalingSettings;
import dev.scalingadvisor.rules.policy.Vertex;
import dev.scalingadvisor.rules.rule.Rule;
import dev.scalingadvisor.rules.rule.RuleName;
import dev.scalingadvisor.rules.rule.RulePack;
import dev.scalingadvisor.rules.rule.RuleStatus;
import dev.scalingadvisor.rules.rule.Threshold;
import dev.scalingadvisor.rules.workload.JobLoad;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Watches a replay that started from nothing and tells, per job, from when on the parts of its memory with
 * hysteresis cannot depend on what came before the start: from the first step after which, whatever the part
 * was, it is the same. For a rule: a step without data (it becomes unknown), the end of a run of values on
 * the quiet side of {@code clear} lasting {@code keepFiringFor} (inactive), or of a run past the threshold
 * lasting {@code for} (firing). For a guard with a hold (CPU-saturated, skew): a reading that raises it, or a
 * run of clearing readings lasting its clear time. A value between the two levels keeps whatever the part
 * was: a replay that sees only such values cannot know, and must look further back.
 */
final class ReplayCoverage implements StepListener {

    private final Instant start;
    private final RulePack pack;
    private final ScalingSettingsLookup lookup;
    private final Duration forgetAfter;
    private final Map<JobId, JobCoverage> jobs = new LinkedHashMap<>();

    ReplayCoverage(Instant start, RulePack pack, ScalingSettingsLookup lookup, Duration forgetAfter) {
        this.start = start;
        this.pack = pack;
        this.lookup = lookup;
        this.forgetAfter = forgetAfter;
    }

    @Override
    public void stepped(CycleReadings readings, CycleEvaluation cycle) {
        Instant at = cycle.at();
        Set<JobId> present = new HashSet<>();
        for (JobEvaluation job : cycle.jobs()) {
            present.add(job.job().id());
            JobCoverage coverage = jobs.computeIfAbsent(job.job().id(), id -> {
                JobCoverage fresh = new JobCoverage(job.job(), lookup.settingsFor(job.job()));
                if (at.isAfter(start)) {
                    // Absent until now: whatever the daemon remembered of its rules was reset then, and after
                    // forgetAfter it forgot the job altogether.
                    fresh.rules.values().forEach(rule -> rule.agree(start));
                    if (!Duration.between(start, at).minus(forgetAfter).isNegative()) {
                        fresh.forgottenUntil = Optional.of(at);
                    }
                }
                return fresh;
            });
            coverage.observe(job, readings.loads().get(job.job().id()), at);
        }
        jobs.forEach((id, coverage) -> {
            if (!present.contains(id)) {
                coverage.rules.values().forEach(rule -> rule.agree(at));
            }
        });
    }

    /**
     * The jobs whose state at {@code at} may still differ from a daemon's, each with how much earlier the
     * replay should have started (empty when no earlier start can be named: a part never found its footing).
     */
    Map<JobRef, Optional<Duration>> shortfall(Instant at) {
        Map<JobRef, Optional<Duration>> result = new LinkedHashMap<>();
        for (JobCoverage job : jobs.values()) {
            if (job.forgottenUntil.isPresent()) {
                continue;
            }
            Optional<Instant> agree = job.agreesFrom();
            if (agree.isEmpty()) {
                result.put(job.ref, Optional.empty());
                continue;
            }
            Instant exact = MemoryHorizon.exactFrom(start, agree.get(), job.settings);
            if (exact.isAfter(at)) {
                result.put(job.ref, Optional.of(Duration.between(at, exact)));
            }
        }
        return result;
    }

    /** What of the job never found its footing, for messages. */
    List<String> unsettled(JobRef job) {
        JobCoverage coverage = jobs.get(job.id());
        List<String> names = new ArrayList<>();
        if (coverage != null) {
            coverage.rules.forEach((name, part) -> {
                if (part.agreesFrom.isEmpty()) {
                    names.add("rule " + name);
                }
            });
            if (coverage.cpuSaturated.agreesFrom.isEmpty()) {
                names.add("the cpu-saturated guard");
            }
            coverage.skew.forEach((vertex, part) -> {
                if (part.agreesFrom.isEmpty()) {
                    names.add("the skew guard of " + vertex);
                }
            });
        }
        names.sort(String::compareTo);
        return names;
    }

    private final class JobCoverage {
        private final JobRef ref;
        private final ScalingSettings settings;
        private final Map<RuleName, Part> rules = new HashMap<>();
        private final Part cpuSaturated = Part.guard();
        private Map<VertexId, Part> skew = new HashMap<>();
        private Optional<Instant> forgottenUntil = Optional.empty();

        JobCoverage(JobRef ref, ScalingSettings settings) {
            this.ref = ref;
            this.settings = settings;
            for (Rule rule : pack.rules()) {
                rules.put(rule.name(), new Part());
            }
        }

        void observe(JobEvaluation job, JobLoad load, Instant at) {
            // Until stabilization has passed since the start, a start time remembered from before it may hide
            // readings from the daemon that the replay used (or the other way round).
            if (at.isBefore(start.plus(settings.stabilization()))) {
                return;
            }
            boolean fresh = false;
            for (RuleReport report : job.rules()) {
                Part part = rules.get(report.name());
                Optional<Rule> rule = pack.rule(report.name());
                if (part == null || rule.isEmpty()) {
                    continue;
                }
                fresh |= report.value().isPresent();
                observeRule(part, rule.get(), report, at);
            }
            fresh &= job.phase() != JobPhase.STABILIZING;
            OptionalDouble hostCpu = fresh && load != null ? load.hostCpu() : OptionalDouble.empty();
            observeGuard(
                    cpuSaturated,
                    GuardReadings.cpu(hostCpu, settings.ineffectiveScaleUp()),
                    settings.ineffectiveScaleUp().saturatedClearFor(),
                    at);
            // A vertex's hold exists only while the vertex is in the job's shape: one that was not is dropped.
            Map<VertexId, Part> next = new HashMap<>();
            for (Vertex v : job.shape().vertices()) {
                Part part = skew.get(v.id());
                if (part == null) {
                    part = Part.guard();
                    part.agree(at);
                }
                OptionalDouble ratio = fresh ? GuardReadings.hotToAverage(v) : OptionalDouble.empty();
                observeGuard(
                        part,
                        GuardReadings.skew(v, ratio, settings.skewGuard()),
                        settings.skewGuard().clearFor(),
                        at);
                next.put(v.id(), part);
            }
            skew = next;
        }

        private void observeRule(Part part, Rule rule, RuleReport report, Instant at) {
            if (report.state() == RuleStatus.UNKNOWN) {
                part.agree(at);
                return;
            }
            if (report.value().isEmpty()) {
                part.noRun();
                return;
            }
            double value = report.value().get();
            Threshold threshold = rule.threshold();
            if (!threshold.holds(value)) {
                part.run("quiet", rule.keepFiringFor(), at);
            } else if (threshold.triggers(value)) {
                part.run("past", rule.forDuration(), at);
            } else {
                part.noRun();
            }
        }

        private void observeGuard(Part part, GuardHold.Reading reading, Duration clearFor, Instant at) {
            part.read |= reading != GuardHold.Reading.MISSING;
            switch (reading) {
                case RAISES -> part.agree(at);
                case CLEARS -> part.run("clears", clearFor, at);
                case BETWEEN, MISSING -> part.noRun();
            }
        }

        Optional<Instant> agreesFrom() {
            Instant latest = start;
            List<Part> parts = new ArrayList<>(rules.values());
            parts.add(cpuSaturated);
            parts.addAll(skew.values());
            for (Part part : parts) {
                if (part.agreesFrom.isEmpty() && !part.neverRead()) {
                    return Optional.empty();
                }
                if (part.agreesFrom.isEmpty()) {
                    continue;
                }
                if (part.agreesFrom.get().isAfter(latest)) {
                    latest = part.agreesFrom.get();
                }
            }
            return Optional.of(latest);
        }
    }

    /** One part of a job's memory with hysteresis: the run of readings it is in, and when it found its footing. */
    private static final class Part {
        private Object side;
        private Instant runStart;
        private Optional<Instant> agreesFrom = Optional.empty();
        /** Whether a guard had any reading: one without a single reading in the whole window is taken as not held. */
        private boolean read;

        private boolean guard;

        static Part guard() {
            Part part = new Part();
            part.guard = true;
            return part;
        }

        /**
         * A guard that never had a reading in the window (the job's host CPU is not scraped at all): taken as not
         * raised. A hold raised before the window on readings that then vanished for all of it is the one case a
         * replay gets wrong; going back further for it would replay days for every job without the metric.
         */
        boolean neverRead() {
            return guard && !read;
        }

        void agree(Instant at) {
            if (agreesFrom.isEmpty()) {
                agreesFrom = Optional.of(at);
            }
        }

        void noRun() {
            side = null;
        }

        /** A reading of a run that settles the part once it has lasted {@code needed}. */
        void run(Object kind, Duration needed, Instant at) {
            if (!kind.equals(side)) {
                side = kind;
                runStart = at;
            }
            if (Duration.between(runStart, at).compareTo(needed) >= 0) {
                agree(at);
            }
        }
    }
}
