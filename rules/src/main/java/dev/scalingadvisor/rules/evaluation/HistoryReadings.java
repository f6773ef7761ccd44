package dev.scalingadvisor.rules.evaluation;

import dev.scalingadvisor.core.concurrent.DaemonThreads;
import dev.scalingadvisor.core.job.JobId;
import dev.scalingadvisor.rules.query.InstantSeries;
import dev.scalingadvisor.rules.query.Prometheus;
import dev.scalingadvisor.rules.query.QueryFailure;
import dev.scalingadvisor.rules.query.QueryOutcome;
import dev.scalingadvisor.rules.query.QueryResult;
import dev.scalingadvisor.rules.query.RangeSeries;
import dev.scalingadvisor.rules.query.Sample;
import dev.scalingadvisor.rules.query.SeriesLabels;
import dev.scalingadvisor.rules.rule.Rule;
import dev.scalingadvisor.rules.rule.RulePack;
import dev.scalingadvisor.rules.rule.RuleResults;
import dev.scalingadvisor.rules.workload.BusyTimeVertices;
import dev.scalingadvisor.rules.workload.JobLoad;
import dev.scalingadvisor.rules.workload.LeastLoadedHosts;
import dev.scalingadvisor.rules.workload.WorkloadAnswerLayout;
import dev.scalingadvisor.rules.workload.WorkloadQueries;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
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
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * The readings a daemon would have made at every interval over a past range, from range queries: the same
 * expressions as the live cycle (one per rule, the two workload queries), each asked for a chunk of steps at
 * a time. The workload queries are asked a statistic at a time ({@link WorkloadQueries#vertexStatisticQueries},
 * {@link WorkloadQueries#jobStatisticQueries}), their answers labelled here as the joined query labels them; the
 * vertex query's two statistics of sample times and its highest busy time come from the busy-time series and their
 * raw samples, aggregated here ({@link #sampleTimes}, {@link WorkloadQueries#busyTimeVertices}), and the job query's
 * {@code host_cpu_min} from the same series and the hosts' CPU load ({@link WorkloadQueries#leastLoadedHosts}): each
 * is the same answer for a fraction of Prometheus' work. A range query is Prometheus' instant query at each step, so
 * a step of it is what an instant query at that instant answers. Memory is bounded by the chunk: a long range is
 * never held at once.
 */
public final class HistoryReadings {

    /** Steps per range query: 1.5 hours at a 15 s interval; far below Prometheus' 11,000 points per series. */
    public static final int DEFAULT_CHUNK_STEPS = 360;

    /** The label Prometheus keeps a series' metric name in; {@code timestamp()} drops it. */
    private static final String METRIC_NAME = "__name__";

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

    /**
     * Queries per chunk: a range query per rule, per workload statistic asked, for the busy-time series and for the
     * hosts' CPU load, and an instant query for the busy-time series' raw samples (and one more range query in the
     * rare chunk where those cannot tell the sample times).
     */
    public int queriesPerChunk() {
        return pack.rules().size()
                + workload.vertexStatisticQueries().size()
                + 2
                + workload.jobStatisticQueries().size()
                + 1;
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
        /** Counted once: each step reports it, and counting builds every statistic's query text. */
        private final int queriesPerChunk = queriesPerChunk();

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
                chunk = pending.chunk(pack, workload);
                index = 0;
            }
            return chunk.at(index++, settings, queriesPerChunk);
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
            List<CompletableFuture<Fetched>> vertexStatistics,
            PendingBusyTimes busyTimes,
            List<CompletableFuture<Fetched>> jobStatistics,
            CompletableFuture<Fetched> hostCpu) {

        /** Waits for the answers and puts them together in the pack's order, as a sequential fetch would. */
        Chunk chunk(RulePack pack, WorkloadQueries workload) {
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
            List<Fetched> vertexAnswers =
                    vertexStatistics.stream().map(HistoryReadings::answer).toList();
            BusyAnswer busyAnswer = busyTimes.answer(first);
            List<Fetched> jobAnswers =
                    jobStatistics.stream().map(HistoryReadings::answer).toList();
            Fetched hostCpuAnswer = answer(hostCpu);
            // The first failure in the order of the joined queries' parts (the hosts' CPU load, part of the job
            // query's host_cpu_min, last), as the live cycle's one query would fail.
            Optional<String> failure = Stream.of(
                            vertexAnswers.stream().map(Fetched::outcome),
                            Stream.of(busyAnswer.outcome()),
                            jobAnswers.stream().map(Fetched::outcome),
                            Stream.of(hostCpuAnswer.outcome()))
                    .flatMap(outcomes -> outcomes)
                    .flatMap(outcome -> ScalingEvaluator.failureOf(outcome, QueryResult.Matrix.class).stream())
                    .findFirst();
            Optional<WorkloadSteps> workloadSteps = Optional.empty();
            if (failure.isPresent()) {
                problems.add("workload query: " + failure.get());
            } else {
                workloadSteps = Optional.of(WorkloadSteps.of(
                        allSeries(vertexAnswers),
                        busyAnswer.series().orElseThrow(),
                        allSeries(jobAnswers),
                        hostCpuAnswer.series().orElseThrow(),
                        workload));
            }
            return new Chunk(first, steps, answers, workloadSteps, failure, problems);
        }

        private static List<StepSeries> allSeries(List<Fetched> answers) {
            List<StepSeries> all = new ArrayList<>();
            answers.forEach(fetched -> all.addAll(fetched.series().orElseThrow()));
            return all;
        }
    }

    private PendingChunk ask(Instant first, Instant last, ThreadPoolExecutor queries) {
        Duration interval = settings.interval();
        int steps = (int) (Duration.between(first, last).toMillis() / interval.toMillis()) + 1;
        Range range = new Range(first, last, steps, queries);
        List<CompletableFuture<Fetched>> rules = new ArrayList<>();
        for (Rule rule : pack.rules()) {
            rules.add(fetch(
                    rule.expr(),
                    outcome -> ScalingEvaluator.trusted(rule, outcome, settings.partialAnswers()),
                    UnaryOperator.identity(),
                    range));
        }
        return new PendingChunk(
                first,
                steps,
                rules,
                fetchStatistics(workload.vertexStatisticQueries(), range),
                askBusyTimes(range),
                fetchStatistics(workload.jobStatisticQueries(), range),
                fetch(workload.hostCpuQuery(), ScalingEvaluator::trusted, UnaryOperator.identity(), range));
    }

    /**
     * How far before a chunk's first step its raw busy-time samples are asked: beyond Prometheus' lookback (5 minutes
     * unless configured otherwise), so that the sample each step selects is among them.
     */
    static final Duration RAW_SAMPLES_LOOKBACK = Duration.ofHours(1);

    private PendingBusyTimes askBusyTimes(Range range) {
        Duration window = Duration.between(range.first(), range.last()).plus(RAW_SAMPLES_LOOKBACK);
        return new PendingBusyTimes(
                fetch(workload.busyQuery(), ScalingEvaluator::trusted, UnaryOperator.identity(), range),
                CompletableFuture.supplyAsync(
                        () -> ScalingEvaluator.trusted(
                                prometheus.instant(workload.rawBusySamplesQuery(window), range.last())),
                        range.queries()),
                () -> fetch(workload.sampleTimesQuery(), ScalingEvaluator::trusted, UnaryOperator.identity(), range),
                settings.interval());
    }

    /**
     * A chunk's busy-time series and when each of their samples was taken, asked as the busy-time series over the
     * range (which are present at each step, with their values) and their raw samples (when each was taken), or, when
     * those cannot tell, the sample times as {@link WorkloadQueries#sampleTimesQuery()}.
     */
    private record PendingBusyTimes(
            CompletableFuture<Fetched> busy,
            CompletableFuture<QueryOutcome> rawSamples,
            Supplier<CompletableFuture<Fetched>> timestamps,
            Duration interval) {

        BusyAnswer answer(Instant first) {
            Fetched busyAnswer = HistoryReadings.answer(busy);
            QueryOutcome raw = rawSamples.join();
            if (busyAnswer.series().isEmpty()) {
                return new BusyAnswer(busyAnswer.outcome(), Optional.empty());
            }
            List<StepSeries> busySeries = busyAnswer.series().get();
            if (raw instanceof QueryOutcome.Answered answered
                    && answered.result() instanceof QueryResult.Matrix matrix) {
                Optional<List<BusySteps>> times = sampleTimes(busySeries, matrix, first, interval);
                if (times.isPresent()) {
                    return new BusyAnswer(busyAnswer.outcome(), times);
                }
            }
            Fetched timestampAnswer = HistoryReadings.answer(timestamps.get());
            if (timestampAnswer.series().isEmpty()) {
                return new BusyAnswer(timestampAnswer.outcome(), Optional.empty());
            }
            return sampleTimes(busySeries, timestampAnswer.series().get())
                    .map(times -> new BusyAnswer(timestampAnswer.outcome(), Optional.of(times)))
                    .orElseGet(() -> new BusyAnswer(
                            new QueryOutcome.Failed(new QueryFailure.Malformed("the busy-time series and their"
                                    + " timestamp() disagree on which series are present: a scrape came between the"
                                    + " two queries")),
                            Optional.empty()));
        }
    }

    /**
     * When each busy-time series present at a step was sampled, as {@code timestamp()} answers it: the sample an
     * instant query selects is the series' latest at or before the step (a later stale marker would have left the
     * series out instead), so its time is that of the latest raw sample at or before the step. Empty when a present
     * series has no such raw sample: Prometheus looked back further than the raw samples reach, or did not answer them.
     */
    private static Optional<List<BusySteps>> sampleTimes(
            List<StepSeries> busy, QueryResult.Matrix raw, Instant first, Duration interval) {
        Map<SeriesLabels, RangeSeries> rawByLabels = new HashMap<>();
        raw.series().forEach(series -> rawByLabels.put(series.labels(), series));
        long firstMillis = first.toEpochMilli();
        long step = interval.toMillis();
        List<BusySteps> times = new ArrayList<>(busy.size());
        for (StepSeries series : busy) {
            RangeSeries samples = rawByLabels.get(series.labels());
            int count = samples == null ? 0 : samples.size();
            double[] sampledAt = new double[series.present().length];
            int latest = -1;
            for (int k = 0; k < sampledAt.length; k++) {
                long t = firstMillis + k * step;
                while (latest + 1 < count && samples.millisAt(latest + 1) <= t) {
                    latest++;
                }
                if (series.present()[k]) {
                    if (latest < 0) {
                        return Optional.empty();
                    }
                    // The same arithmetic as Prometheus' timestamp(): milliseconds over a thousand, in float seconds.
                    sampledAt[k] = samples.millisAt(latest) / 1000.0;
                }
            }
            times.add(new BusySteps(series, sampledAt));
        }
        return Optional.of(times);
    }

    /**
     * When each busy-time series present at a step was sampled, from the answer of {@link
     * WorkloadQueries#sampleTimesQuery()}: the same series but for the metric name, which {@code timestamp()} drops.
     * Empty when a present busy-time series has no sample time at a step: the two queries saw different samples.
     */
    private static Optional<List<BusySteps>> sampleTimes(List<StepSeries> busy, List<StepSeries> timestamps) {
        Map<SeriesLabels, StepSeries> byLabels = new HashMap<>();
        timestamps.forEach(series -> byLabels.put(series.labels(), series));
        List<BusySteps> times = new ArrayList<>(busy.size());
        for (StepSeries series : busy) {
            Map<String, String> labels = new HashMap<>(series.labels().values());
            labels.remove(METRIC_NAME);
            StepSeries sampled = byLabels.get(SeriesLabels.of(labels));
            double[] sampledAt = new double[series.present().length];
            for (int k = 0; k < sampledAt.length; k++) {
                if (series.present()[k]) {
                    if (sampled == null || !sampled.present()[k]) {
                        return Optional.empty();
                    }
                    sampledAt[k] = sampled.values()[k];
                }
            }
            times.add(new BusySteps(series, sampledAt));
        }
        return Optional.of(times);
    }

    /** One busy-time series of a chunk: at each step its value, if present, and when that sample was taken. */
    private record BusySteps(StepSeries busy, double[] sampledAt) {}

    /** A chunk's busy-time series with their sample times, or the outcome that kept them from being known. */
    private record BusyAnswer(QueryOutcome outcome, Optional<List<BusySteps>> series) {}

    /** A chunk's steps and the threads that ask its queries. */
    private record Range(Instant first, Instant last, int steps, ThreadPoolExecutor queries) {}

    /** Each statistic's query, its series labelled with the statistic as the joined workload query labels them. */
    private List<CompletableFuture<Fetched>> fetchStatistics(Map<String, String> statistics, Range range) {
        List<CompletableFuture<Fetched>> fetched = new ArrayList<>();
        statistics.forEach((statistic, promql) -> fetched.add(fetch(
                promql,
                ScalingEvaluator::trusted,
                labels -> labels.with(WorkloadQueries.STAT_LABEL, statistic),
                range)));
        return fetched;
    }

    /**
     * @param trust what of a warned answer may be used ({@link ScalingEvaluator#trusted})
     * @param labelled the labels the engine reads a series by, from those Prometheus answered
     */
    private CompletableFuture<Fetched> fetch(
            String promql, UnaryOperator<QueryOutcome> trust, UnaryOperator<SeriesLabels> labelled, Range range) {
        Duration interval = settings.interval();
        return CompletableFuture.supplyAsync(
                () -> {
                    QueryOutcome outcome = trust.apply(prometheus.range(promql, range.first(), range.last(), interval));
                    Optional<List<StepSeries>> series = Optional.empty();
                    if (outcome instanceof QueryOutcome.Answered answered
                            && answered.result() instanceof QueryResult.Matrix matrix) {
                        series = Optional.of(steps(matrix, range.first(), interval, range.steps(), labelled));
                    }
                    return new Fetched(outcome, series);
                },
                range.queries());
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
    private record StepSeries(SeriesLabels labels, double[] values, boolean[] present) {
        /** The value at {@code step}, NaN when the series has none there (the workload reads both alike). */
        double valueAt(int step) {
            return present[step] ? values[step] : Double.NaN;
        }
    }

    private static List<StepSeries> steps(
            QueryResult.Matrix matrix,
            Instant first,
            Duration interval,
            int count,
            UnaryOperator<SeriesLabels> labelled) {
        List<StepSeries> result = new ArrayList<>(matrix.series().size());
        long step = interval.toMillis();
        long firstMillis = first.toEpochMilli();
        for (RangeSeries series : matrix.series()) {
            double[] values = new double[count];
            boolean[] present = new boolean[count];
            for (int i = 0; i < series.size(); i++) {
                // A range answer's samples sit exactly on the steps; a server that rounds the start differently
                // (a Prometheus-compatible store) still puts each within half a step of its own, never nearer
                // to another, so a sample belongs to its nearest step.
                long offset = series.millisAt(i) - firstMillis;
                long index = Math.floorDiv(offset + step / 2, step);
                if (index >= 0 && index < count && Math.abs(offset - index * step) * 2 < step) {
                    values[(int) index] = series.valueAt(i);
                    present[(int) index] = true;
                }
            }
            result.add(new StepSeries(labelled.apply(series.labels()), values, present));
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

    /**
     * A chunk's workload series: the vertex statistics', the sample times' and the job statistics', with the layout
     * of the answers the live queries would give ({@link WorkloadAnswerLayout}) read once for all the chunk's steps.
     */
    private record WorkloadSteps(
            List<StepSeries> vertices,
            List<BusySteps> busy,
            BusyTimeVertices busyTimeVertices,
            List<StepSeries> jobs,
            List<StepSeries> hostCpu,
            LeastLoadedHosts leastLoadedHosts,
            WorkloadAnswerLayout layout) {

        static WorkloadSteps of(
                List<StepSeries> vertices,
                List<BusySteps> busy,
                List<StepSeries> jobs,
                List<StepSeries> hostCpu,
                WorkloadQueries workload) {
            List<SeriesLabels> busyLabels =
                    busy.stream().map(series -> series.busy().labels()).toList();
            BusyTimeVertices busyTimeVertices = workload.busyTimeVertices(busyLabels);
            LeastLoadedHosts leastLoadedHosts = workload.leastLoadedHosts(
                    busyLabels, hostCpu.stream().map(StepSeries::labels).toList());
            // Each answer as the live query gives it: the statistics asked, then those computed here.
            List<SeriesLabels> vertexAnswer = new ArrayList<>();
            vertices.forEach(series -> vertexAnswer.add(series.labels()));
            vertexAnswer.addAll(busyTimeVertices.statisticLabels());
            List<SeriesLabels> jobAnswer = new ArrayList<>();
            jobs.forEach(series -> jobAnswer.add(series.labels()));
            jobAnswer.addAll(leastLoadedHosts.statisticLabels());
            WorkloadAnswerLayout layout = workload.layout(vertexAnswer, jobAnswer);
            return new WorkloadSteps(vertices, busy, busyTimeVertices, jobs, hostCpu, leastLoadedHosts, layout);
        }

        Map<JobId, JobLoad> loads(int step, Instant t) {
            double[] busyStatistics = busyTimeVertices.at(
                    t,
                    series -> busy.get(series).busy().present()[step],
                    series -> busy.get(series).sampledAt()[step],
                    series -> busy.get(series).busy().values()[step]);
            double[] hostCpuMin = leastLoadedHosts.at(
                    series -> busy.get(series).busy().present()[step],
                    series -> hostCpu.get(series).present()[step],
                    series -> hostCpu.get(series).values()[step]);
            int fetched = vertices.size();
            int fetchedJobs = jobs.size();
            return layout.loads(
                    series -> series < fetched ? vertices.get(series).valueAt(step) : busyStatistics[series - fetched],
                    series -> series < fetchedJobs ? jobs.get(series).valueAt(step) : hostCpuMin[series - fetchedJobs]);
        }
    }

    /** A chunk of history: everything fetched for its steps, turned into one step's readings on demand. */
    private record Chunk(
            Instant first,
            int steps,
            List<RuleAnswer> rules,
            Optional<WorkloadSteps> workload,
            Optional<String> failure,
            List<String> problems) {

        CycleReadings at(int step, EvaluatorSettings settings, int queriesPerChunk) {
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
            Map<JobId, JobLoad> loads =
                    workload.map(series -> series.loads(step, t)).orElse(Map.of());
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
