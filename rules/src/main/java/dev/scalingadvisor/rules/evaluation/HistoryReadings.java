package dev.scalingadvisor.rules.evaluation;

import dev.scalingadvisor.core.concurrent.DaemonThreads;
import dev.scalingadvisor.core.job.JobId;
import dev.scalingadvisor.rules.query.InstantSeries;
import dev.scalingadvisor.rules.query.Prometheus;
import dev.scalingadvisor.rules.query.QueryOutcome;
import dev.scalingadvisor.rules.query.QueryResult;
import dev.scalingadvisor.rules.query.RangeSeries;
import dev.scalingadvisor.rules.query.Sample;
import dev.scalingadvisor.rules.query.SeriesLabels;
import dev.scalingadvisor.rules.rule.Rule;
import dev.scalingadvisor.rules.rule.RulePack;
import dev.scalingadvisor.rules.rule.RuleResults;
import dev.scalingadvisor.rules.workload.JobLoad;
import dev.scalingadvisor.rules.workload.WorkloadQueries;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * The readings a daemon would have made at every interval over a past range, from range queries: the same
 * expressions as the live cycle (one per rule, the two workload queries), each asked for a chunk of steps at
 * a time; the vertex query's two statistics of sample times are asked as the one series they are made of and
 * aggregated here ({@link WorkloadQueries#sampleTimeStatistics}), which halves Prometheus' work. A range query is Prometheus' instant query at each step, so a step of it is what an instant query
 * at that instant answers. Memory is bounded by the chunk: a long range is never held at once.
 */
public final class HistoryReadings {

    /** Steps per range query: 1.5 hours at a 15 s interval; far below Prometheus' 11,000 points per series. */
    public static final int DEFAULT_CHUNK_STEPS = 360;

    /** Range queries in flight at once: the next chunk's, while the engine steps the current one. */
    static final int CONCURRENT_QUERIES = 2;

    private final Prometheus prometheus;
    private final RulePack pack;
    private final EvaluatorSettings settings;
    private final WorkloadQueries workload;
    private final int chunkSteps;

    HistoryReadings(Prometheus prometheus, RulePack pack, EvaluatorSettings settings, WorkloadQueries workload) {
        this(prometheus, pack, settings, workload, DEFAULT_CHUNK_STEPS);
    }

    private HistoryReadings(
            Prometheus prometheus,
            RulePack pack,
            EvaluatorSettings settings,
            WorkloadQueries workload,
            int chunkSteps) {
        if (chunkSteps < 1) {
            throw new IllegalArgumentException("a chunk has at least one step, got " + chunkSteps);
        }
        this.prometheus = prometheus;
        this.pack = pack;
        this.settings = settings;
        this.workload = workload;
        this.chunkSteps = chunkSteps;
    }

    /** The same readings, fetched {@code steps} steps per range query. */
    public HistoryReadings inChunksOf(int steps) {
        return new HistoryReadings(prometheus, pack, settings, workload, steps);
    }

    /**
     * Readings at {@code first}, {@code first + interval}, … up to {@code last} inclusive, both taken at
     * Prometheus' precision: it keeps time in whole milliseconds and answers a range from the millisecond of
     * its start, so a step between two milliseconds would match none of its samples.
     */
    public Iterator<CycleReadings> between(Instant first, Instant last) {
        return new Steps(first.truncatedTo(ChronoUnit.MILLIS), last.truncatedTo(ChronoUnit.MILLIS));
    }

    /** Range queries per chunk: one per rule plus the workload queries (the vertex query in two). */
    public int queriesPerChunk() {
        return pack.rules().size() + ScalingEvaluator.WORKLOAD_QUERIES + 1;
    }

    private final class Steps implements Iterator<CycleReadings> {
        private final Instant last;
        private final Duration interval = settings.interval();
        /**
         * Runs the range queries, {@value #CONCURRENT_QUERIES} at a time, in the order asked: Prometheus evaluates
         * two on two cores while the engine steps the chunk before. Its threads end after a second without
         * work, so an iterator left unfinished leaves nothing running for long.
         */
        private final ThreadPoolExecutor queries = queryThreads();

        private Instant nextChunk;
        private Optional<PendingChunk> ahead = Optional.empty();
        private Chunk chunk;
        private int index;

        Steps(Instant first, Instant last) {
            this.nextChunk = first;
            this.last = last;
        }

        @Override
        public boolean hasNext() {
            return (chunk != null && index < chunk.steps()) || ahead.isPresent() || !nextChunk.isAfter(last);
        }

        @Override
        public CycleReadings next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            if (chunk == null || index >= chunk.steps()) {
                PendingChunk pending = ahead.orElseGet(this::askNextChunk);
                // The next chunk is asked for before this one is stepped: at most two chunks are held at once.
                ahead = nextChunk.isAfter(last) ? Optional.empty() : Optional.of(askNextChunk());
                chunk = pending.chunk(pack);
                index = 0;
            }
            return chunk.at(index++, settings, workload, queriesPerChunk());
        }

        private PendingChunk askNextChunk() {
            Instant first = nextChunk;
            Instant chunkLast = first.plus(interval.multipliedBy(chunkSteps - 1L));
            if (chunkLast.isAfter(last)) {
                chunkLast = last;
            }
            nextChunk = chunkLast.plus(interval);
            return ask(first, chunkLast, queries);
        }
    }

    private static ThreadPoolExecutor queryThreads() {
        ThreadPoolExecutor executor = new ThreadPoolExecutor(
                CONCURRENT_QUERIES,
                CONCURRENT_QUERIES,
                1,
                TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(),
                DaemonThreads.numbered("history-query"));
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }

    /** A chunk's range queries, asked and not necessarily answered yet. */
    private record PendingChunk(
            Instant first,
            int steps,
            List<CompletableFuture<Fetched>> rules,
            CompletableFuture<Fetched> vertices,
            CompletableFuture<Fetched> sampleTimes,
            CompletableFuture<Fetched> jobs) {

        /** Waits for the answers and puts them together in the pack's order, as a sequential fetch would. */
        Chunk chunk(RulePack pack) {
            List<RuleAnswer> answers = new ArrayList<>();
            List<String> problems = new ArrayList<>();
            for (int i = 0; i < rules.size(); i++) {
                Rule rule = pack.rules().get(i);
                Fetched fetched = answer(rules.get(i));
                answers.add(new RuleAnswer(rule, fetched.series(), fetched.outcome()));
                if (fetched.outcome() instanceof QueryOutcome.Failed failed
                        && !failed.failure().blamesQuery()) {
                    problems.add("rule " + rule.name() + ": " + failed.failure().describe());
                }
            }
            Fetched vertexAnswer = answer(vertices);
            Fetched sampleTimeAnswer = answer(sampleTimes);
            Fetched jobAnswer = answer(jobs);
            Optional<String> failure = ScalingEvaluator.failureOf(vertexAnswer.outcome(), QueryResult.Matrix.class)
                    .or(() -> ScalingEvaluator.failureOf(sampleTimeAnswer.outcome(), QueryResult.Matrix.class))
                    .or(() -> ScalingEvaluator.failureOf(jobAnswer.outcome(), QueryResult.Matrix.class));
            List<StepSeries> vertexSteps = List.of();
            List<StepSeries> sampleTimeSteps = List.of();
            List<StepSeries> jobSteps = List.of();
            if (failure.isPresent()) {
                problems.add("workload query: " + failure.get());
            } else {
                vertexSteps = vertexAnswer.series().orElseThrow();
                sampleTimeSteps = sampleTimeAnswer.series().orElseThrow();
                jobSteps = jobAnswer.series().orElseThrow();
            }
            return new Chunk(first, steps, answers, vertexSteps, sampleTimeSteps, jobSteps, failure, problems);
        }
    }

    private PendingChunk ask(Instant first, Instant last, ThreadPoolExecutor queries) {
        Duration interval = settings.interval();
        int steps = (int) (Duration.between(first, last).toMillis() / interval.toMillis()) + 1;
        List<CompletableFuture<Fetched>> rules = new ArrayList<>();
        for (Rule rule : pack.rules()) {
            rules.add(fetch(
                    rule.expr(),
                    outcome -> ScalingEvaluator.trusted(rule, outcome, settings.partialAnswers()),
                    first,
                    last,
                    steps,
                    queries));
        }
        return new PendingChunk(
                first,
                steps,
                rules,
                fetch(workload.vertexQueryWithoutSampleTimes(), first, last, steps, queries),
                fetch(workload.sampleTimesQuery(), first, last, steps, queries),
                fetch(workload.jobQuery(), first, last, steps, queries));
    }

    private CompletableFuture<Fetched> fetch(
            String promql, Instant first, Instant last, int steps, ThreadPoolExecutor queries) {
        return fetch(promql, ScalingEvaluator::trusted, first, last, steps, queries);
    }

    /** @param trust what of a warned answer may be used ({@link ScalingEvaluator#trusted}) */
    private CompletableFuture<Fetched> fetch(
            String promql,
            UnaryOperator<QueryOutcome> trust,
            Instant first,
            Instant last,
            int steps,
            ThreadPoolExecutor queries) {
        Duration interval = settings.interval();
        return CompletableFuture.supplyAsync(
                () -> {
                    QueryOutcome outcome = trust.apply(prometheus.range(promql, first, last, interval));
                    Optional<List<StepSeries>> series = Optional.empty();
                    if (outcome instanceof QueryOutcome.Answered answered
                            && answered.result() instanceof QueryResult.Matrix matrix) {
                        series = Optional.of(steps(matrix, first, interval, steps));
                    }
                    return new Fetched(outcome, series);
                },
                queries);
    }

    /** The answer of a query run on another thread; what it threw is thrown here, as a direct call would. */
    private static Fetched answer(CompletableFuture<Fetched> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /** One range query's outcome and, when it answered a matrix, its series by step. */
    private record Fetched(QueryOutcome outcome, Optional<List<StepSeries>> series) {}

    /** One rule's answer for a chunk: its series by step, or (when the query failed) the outcome to report. */
    private record RuleAnswer(Rule rule, Optional<List<StepSeries>> series, QueryOutcome outcome) {}

    /** One series of a range answer, its values indexed by step; {@code present} says which steps have one. */
    private record StepSeries(SeriesLabels labels, double[] values, boolean[] present) {}

    private static List<StepSeries> steps(QueryResult.Matrix matrix, Instant first, Duration interval, int count) {
        List<StepSeries> result = new ArrayList<>(matrix.series().size());
        long step = interval.toMillis();
        for (RangeSeries series : matrix.series()) {
            double[] values = new double[count];
            boolean[] present = new boolean[count];
            for (Sample sample : series.samples()) {
                // A range answer's samples sit exactly on the steps; a server that rounds the start differently
                // (a Prometheus-compatible store) still puts each within half a step of its own, never nearer
                // to another, so a sample belongs to its nearest step.
                long offset = Duration.between(first, sample.at()).toMillis();
                long index = Math.floorDiv(offset + step / 2, step);
                if (index >= 0 && index < count && Math.abs(offset - index * step) * 2 < step) {
                    values[(int) index] = sample.value();
                    present[(int) index] = true;
                }
            }
            result.add(new StepSeries(series.labels(), values, present));
        }
        return result;
    }

    private static List<InstantSeries> at(List<StepSeries> series, int step, Instant t) {
        List<InstantSeries> present = new ArrayList<>();
        for (StepSeries one : series) {
            if (one.present()[step]) {
                present.add(new InstantSeries(one.labels(), new Sample(t, one.values()[step])));
            }
        }
        return present;
    }

    /** A chunk of history: everything fetched for its steps, turned into one step's readings on demand. */
    private record Chunk(
            Instant first,
            int steps,
            List<RuleAnswer> rules,
            List<StepSeries> vertexSteps,
            List<StepSeries> sampleTimeSteps,
            List<StepSeries> jobSteps,
            Optional<String> failure,
            List<String> problems) {

        CycleReadings at(int step, EvaluatorSettings settings, WorkloadQueries workload, int queriesPerChunk) {
            Instant t = first.plus(settings.interval().multipliedBy(step));
            List<RuleResults> results = new ArrayList<>(rules.size());
            for (RuleAnswer answer : rules) {
                results.add(answer.series()
                        .map(series -> ScalingEvaluator.onlyFiringIfPartial(
                                RuleResults.group(
                                        answer.rule(), HistoryReadings.at(series, step, t), settings.labels()),
                                answer.outcome()))
                        .orElseGet(() -> ScalingEvaluator.read(answer.rule(), answer.outcome(), settings.labels())));
            }
            Map<JobId, JobLoad> loads = Map.of();
            if (failure.isEmpty()) {
                List<InstantSeries> vertices = HistoryReadings.at(vertexSteps, step, t);
                vertices.addAll(workload.sampleTimeStatistics(HistoryReadings.at(sampleTimeSteps, step, t)));
                loads = workload.read(
                        new QueryResult.Vector(vertices),
                        new QueryResult.Vector(HistoryReadings.at(jobSteps, step, t)));
            }
            // A rule's problems are the same at every step of the chunk: reported once, with its first step.
            List<RuleProblem> ruleProblems = new ArrayList<>();
            if (step == 0) {
                for (int i = 0; i < rules.size(); i++) {
                    ScalingEvaluator.noteProblems(
                            rules.get(i).rule(),
                            rules.get(i).outcome(),
                            results.get(i),
                            new ArrayList<>(),
                            ruleProblems);
                }
            }
            return new CycleReadings(t, results, loads, failure, problems, ruleProblems, queriesPerChunk);
        }
    }
}
