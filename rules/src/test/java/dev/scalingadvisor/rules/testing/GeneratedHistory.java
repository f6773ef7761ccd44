package dev.scalingadvisor.rules.testing;

import dev.scalingadvisor.rules.query.InstantSeries;
import dev.scalingadvisor.rules.query.Prometheus;
import dev.scalingadvisor.rules.query.QueryOutcome;
import dev.scalingadvisor.rules.query.QueryResult;
import dev.scalingadvisor.rules.query.RangeSeries;
import dev.scalingadvisor.rules.query.Sample;
import dev.scalingadvisor.rules.query.SeriesLabels;
import dev.scalingadvisor.rules.rule.Rule;
import dev.scalingadvisor.rules.rule.RulePack;
import dev.scalingadvisor.rules.workload.WorkloadQueries;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * A seeded, generated history of Flink jobs as the engine's queries see it, answering instant and range
 * queries the way Prometheus does (a range query is the instant query at each step). Per job: a random walk
 * of each rule's value, the vertices' load behind it, and the troubles of real histories: the job's series
 * gone for a while, NaN values, a rule without a series, stale samples, the uptime metric missing, restarts,
 * parallelism changes, and hours of a value between a rule's clear and its threshold (hysteresis keeps
 * whatever state the rule was in). The first job is calm (no gaps, stale samples or restarts), so that only
 * its values tell where its rules stand. Only instants on the grid {@code start + k × step} have answers, as only those are
 * what a daemon evaluating every {@code step} asks.
 */
public final class GeneratedHistory implements Prometheus {

    private final Instant start;
    private final Duration step;
    private final int steps;
    private final RulePack pack;
    private final WorkloadQueries workload;
    private final List<JobHistory> jobs = new ArrayList<>();
    /** Answers per query and step, built once: a range query is then a concatenation of them. */
    private final Map<String, List<List<InstantSeries>>> answers = new HashMap<>();

    public GeneratedHistory(
            long seed, RulePack pack, WorkloadQueries workload, Instant start, Duration step, int steps, int jobCount) {
        this.start = start;
        this.step = step;
        this.steps = steps;
        this.pack = pack;
        this.workload = workload;
        SplittableRandom random = new SplittableRandom(seed);
        for (int j = 0; j < jobCount; j++) {
            jobs.add(new JobHistory("job" + j, random.split(), j == 0));
        }
        for (Rule rule : pack.rules()) {
            answers.put(rule.expr(), new ArrayList<>(steps));
        }
        answers.put(workload.vertexQuery(), new ArrayList<>(steps));
        answers.put(workload.jobQuery(), new ArrayList<>(steps));
        workload.vertexStatisticQueries().values().forEach(q -> answers.put(q, new ArrayList<>(steps)));
        workload.jobStatisticQueries().values().forEach(q -> answers.put(q, new ArrayList<>(steps)));
        answers.put(workload.sampleTimesQuery(), new ArrayList<>(steps));
        answers.put(workload.busyQuery(), new ArrayList<>(steps));
        answers.put(workload.hostCpuQuery(), new ArrayList<>(steps));
        for (int i = 0; i < steps; i++) {
            Instant at = at(i);
            for (int r = 0; r < pack.rules().size(); r++) {
                List<InstantSeries> series = new ArrayList<>();
                for (JobHistory job : jobs) {
                    job.rule(r, i, at, series);
                }
                answers.get(pack.rules().get(r).expr()).add(series);
            }
            List<InstantSeries> vertices = new ArrayList<>();
            List<InstantSeries> jobStats = new ArrayList<>();
            for (JobHistory job : jobs) {
                job.vertices(i, at, vertices);
                job.stats(i, at, jobStats);
            }
            answers.get(workload.vertexQuery()).add(vertices);
            answers.get(workload.jobQuery()).add(jobStats);
            workload.vertexStatisticQueries()
                    .forEach((statistic, q) -> answers.get(q).add(SampleTimeAnswers.statistic(vertices, statistic)));
            workload.jobStatisticQueries()
                    .forEach((statistic, q) -> answers.get(q).add(SampleTimeAnswers.statistic(jobStats, statistic)));
            answers.get(workload.sampleTimesQuery()).add(SampleTimeAnswers.sampleTimes(vertices, at));
            answers.get(workload.busyQuery()).add(SampleTimeAnswers.busy(vertices, at));
            answers.get(workload.hostCpuQuery()).add(SampleTimeAnswers.hostCpu(jobStats));
        }
    }

    public Instant at(int index) {
        return start.plus(step.multipliedBy(index));
    }

    public int steps() {
        return steps;
    }

    @Override
    public QueryOutcome instant(String promql, Instant at) {
        if (promql.startsWith(workload.busyQuery() + "[")) {
            return rawBusySamples(promql, at);
        }
        int index = index(at);
        List<List<InstantSeries>> byStep = answers(promql);
        List<InstantSeries> series = index < 0 || index >= steps ? List.of() : byStep.get(index);
        return new QueryOutcome.Answered(new QueryResult.Vector(series), List.of());
    }

    @Override
    public QueryOutcome range(String promql, Instant from, Instant to, Duration rangeStep) {
        if (!rangeStep.equals(step)) {
            throw new AssertionError("range step " + rangeStep + " is not the history's " + step);
        }
        answers(promql);
        return FakePrometheus.rangeOf(t -> instant(promql, t), from, to, step);
    }

    @Override
    public String displayName() {
        return "generated history";
    }

    /**
     * The raw busy-time samples in the window of {@code promql} before {@code at}: every sample time any step saw, as
     * Prometheus keeps them (a step sees its series' latest sample, so the history's sample times are the samples).
     */
    private QueryOutcome rawBusySamples(String promql, Instant at) {
        String range = promql.substring(promql.indexOf('[') + 1, promql.indexOf("ms]"));
        long from = at.toEpochMilli() - Long.parseLong(range);
        Map<SeriesLabels, TreeSet<Long>> samples = new LinkedHashMap<>();
        for (int i = 0; i < steps; i++) {
            // A step's busy-time series and their sample times, made from the same vertices in the same order.
            List<InstantSeries> busy = answers(workload.busyQuery()).get(i);
            List<InstantSeries> sampleTimes =
                    answers(workload.sampleTimesQuery()).get(i);
            for (int k = 0; k < busy.size(); k++) {
                long sampledAt = Math.round(sampleTimes.get(k).sample().value() * 1000);
                if (sampledAt >= from && sampledAt <= at.toEpochMilli()) {
                    samples.computeIfAbsent(busy.get(k).labels(), key -> new TreeSet<>())
                            .add(sampledAt);
                }
            }
        }
        List<RangeSeries> matrix = new ArrayList<>();
        samples.forEach((labels, times) -> matrix.add(new RangeSeries(
                labels,
                times.stream().map(t -> new Sample(Instant.ofEpochMilli(t), 1)).toList())));
        return new QueryOutcome.Answered(new QueryResult.Matrix(matrix), List.of());
    }

    private List<List<InstantSeries>> answers(String promql) {
        List<List<InstantSeries>> byStep = answers.get(promql);
        if (byStep == null) {
            throw new AssertionError("the generated history has no answer for " + promql);
        }
        return byStep;
    }

    private int index(Instant at) {
        long offset = Duration.between(start, at).toMillis();
        if (offset % step.toMillis() != 0) {
            throw new AssertionError(at + " is not on the grid of " + start + " every " + step);
        }
        return (int) Math.floorDiv(offset, step.toMillis());
    }

    private static InstantSeries series(Map<String, String> labels, Instant at, double value) {
        return new InstantSeries(SeriesLabels.of(labels), new Sample(at, value));
    }

    /** One job's generated history, step by step. */
    private final class JobHistory {
        private final String id;
        private final String name;
        private final SplittableRandom random;
        private final double[][] ruleValues;
        private final boolean[][] ruleMissing;
        private final boolean[] present;
        private final int[] parallelism;
        private final double[] busy;
        private final double[] hottest;
        private final double[] backpressure;
        private final double[] throughput;
        private final double[] sampleAgeSeconds;
        private final double[] uptimeMs;
        private final double[] hostCpu;

        /** A calm job has no gaps, stale samples or restarts: only its values tell where its rules stand. */
        private final boolean calm;

        JobHistory(String id, SplittableRandom random, boolean calm) {
            this.calm = calm;
            this.id = id;
            this.name = id + "_name";
            this.random = random;
            int rules = pack.rules().size();
            ruleValues = new double[rules][steps];
            ruleMissing = new boolean[rules][steps];
            present = new boolean[steps];
            parallelism = new int[steps];
            busy = new double[steps];
            hottest = new double[steps];
            backpressure = new double[steps];
            throughput = new double[steps];
            sampleAgeSeconds = new double[steps];
            uptimeMs = new double[steps];
            hostCpu = new double[steps];
            generate();
        }

        private void generate() {
            int rules = pack.rules().size();
            double[] walk = new double[rules];
            for (int r = 0; r < rules; r++) {
                walk[r] = random.nextDouble();
            }
            double busyWalk = random.nextDouble() * 1000;
            double cpuWalk = random.nextDouble();
            int p = 1 + random.nextInt(6);
            Instant startedAt = start.minus(Duration.ofHours(1));
            int gap = 0;
            int stale = 0;
            // Prometheus scrapes the job a few seconds before each step; while its samples are stale, not at all.
            int scrapeLead = random.nextInt(10);
            double lastScrape = at(0).toEpochMilli() / 1000.0 - scrapeLead;
            int noUptime = 0;
            int[] nan = new int[rules];
            int[] missing = new int[rules];
            int[] hover = new int[rules];
            double skew = 1;
            for (int i = 0; i < steps; i++) {
                Instant at = at(i);
                if (gap == 0 && !calm && random.nextInt(700) == 0) {
                    gap = 1 + random.nextInt(60);
                }
                if (stale == 0 && !calm && random.nextInt(800) == 0) {
                    stale = 1 + random.nextInt(30);
                }
                if (noUptime == 0 && !calm && random.nextInt(1000) == 0) {
                    noUptime = 1 + random.nextInt(20);
                }
                if (random.nextInt(400) == 0) {
                    int next = 1 + random.nextInt(8);
                    if (next != p && !calm && random.nextBoolean()) {
                        startedAt = at.minusSeconds(random.nextInt(15));
                    }
                    p = next;
                }
                if (!calm && random.nextInt(1500) == 0) {
                    startedAt = at.minusSeconds(random.nextInt(15));
                }
                if (random.nextInt(300) == 0) {
                    skew = random.nextInt(3) == 0 ? 1 + random.nextDouble() * 3 : 1;
                }
                for (int r = 0; r < rules; r++) {
                    // A reflecting random walk in [0, 1] with now and then a jump: it crosses thresholds, and
                    // now and then sits between a rule's clear and its threshold.
                    walk[r] = random.nextInt(150) == 0
                            ? random.nextDouble()
                            : reflect(walk[r] + random.nextGaussian() * 0.035);
                    if (nan[r] == 0 && random.nextInt(400) == 0) {
                        nan[r] = 1 + random.nextInt(4);
                    }
                    if (missing[r] == 0 && random.nextInt(600) == 0) {
                        missing[r] = 1 + random.nextInt(10);
                    }
                    ruleValues[r][i] =
                            nan[r] > 0 ? Double.NaN : scale(pack.rules().get(r), walk[r]);
                    ruleMissing[r][i] = missing[r] > 0;
                    nan[r] = Math.max(0, nan[r] - 1);
                    missing[r] = Math.max(0, missing[r] - 1);
                }
                busyWalk = random.nextInt(200) == 0
                        ? random.nextDouble() * 1000
                        : Math.max(0, Math.min(1000, busyWalk + random.nextGaussian() * 30));
                cpuWalk = reflect(cpuWalk + random.nextGaussian() * 0.03);
                present[i] = gap == 0;
                parallelism[i] = p;
                busy[i] = busyWalk;
                hottest[i] = Math.min(1000, busyWalk * skew);
                backpressure[i] = Math.max(0, 1000 - busyWalk - random.nextDouble() * 50);
                throughput[i] = 100 * p * (0.5 + busyWalk / 1000) + random.nextDouble() * 20;
                if (stale == 0) {
                    lastScrape = at.toEpochMilli() / 1000.0 - scrapeLead;
                }
                sampleAgeSeconds[i] = at.toEpochMilli() / 1000.0 - lastScrape;
                uptimeMs[i] = noUptime > 0
                        ? Double.NaN
                        : Duration.between(startedAt, at).toMillis();
                hostCpu[i] = cpuWalk;
                gap = Math.max(0, gap - 1);
                stale = Math.max(0, stale - 1);
                noUptime = Math.max(0, noUptime - 1);
            }
        }

        private static double reflect(double x) {
            double y = Math.abs(x) % 2;
            return y > 1 ? 2 - y : y;
        }

        /** A value between the rule's clear and its threshold: it keeps whatever state the rule was in, for hours. */
        private double between(Rule rule) {
            double fire = rule.threshold().fire();
            double clear = rule.threshold().clear();
            return clear + (fire - clear) * (0.1 + 0.8 * random.nextDouble());
        }

        /** A walk in [0, 1] mapped onto a range around the rule's thresholds. */
        private static double scale(Rule rule, double walk) {
            double fire = rule.threshold().fire();
            double clear = rule.threshold().clear();
            double low = Math.min(fire, clear);
            double high = Math.max(fire, clear);
            double span = Math.max(high - low, Math.abs(fire) * 0.2 + 1);
            return low - span + walk * (high - low + 2 * span);
        }

        void rule(int r, int i, Instant at, List<InstantSeries> out) {
            if (present[i] && !ruleMissing[r][i]) {
                out.add(series(Map.of("job_id", id, "job_name", name), at, ruleValues[r][i]));
            }
        }

        void vertices(int i, Instant at, List<InstantSeries> out) {
            if (!present[i]) {
                return;
            }
            double oldest = (at.toEpochMilli() / 1000.0) - sampleAgeSeconds[i];
            vertex(out, at, "source", 2, 50, 50, backpressure[i], oldest, throughput[i]);
            vertex(out, at, "counter", parallelism[i], busy[i], hottest[i], 0, oldest, throughput[i]);
        }

        private void vertex(
                List<InstantSeries> out,
                Instant at,
                String vertex,
                int subtasks,
                double busyAvg,
                double busyMax,
                double backpressureAvg,
                double oldest,
                double records) {
            Map<String, String> labels =
                    Map.of("job_id", id, "job_name", name, "task_id", id + "-" + vertex, "task_name", vertex);
            stat(out, labels, at, "busy_avg", busyAvg);
            stat(out, labels, at, "busy_max", busyMax);
            stat(out, labels, at, "backpressure_avg", backpressureAvg);
            stat(out, labels, at, "subtasks", subtasks);
            stat(out, labels, at, "oldest_sample", oldest);
            stat(out, labels, at, "records_in", records);
            stat(out, labels, at, "records_out", records);
        }

        void stats(int i, Instant at, List<InstantSeries> out) {
            if (!present[i]) {
                return;
            }
            Map<String, String> labels = Map.of("job_id", id, "job_name", name);
            if (!Double.isNaN(uptimeMs[i])) {
                stat(out, labels, at, "uptime_ms", uptimeMs[i]);
            }
            stat(out, labels, at, "host_cpu_min", hostCpu[i]);
        }

        private void stat(List<InstantSeries> out, Map<String, String> labels, Instant at, String stat, double value) {
            Map<String, String> all = new LinkedHashMap<>(labels);
            all.put(WorkloadQueries.STAT_LABEL, stat);
            out.add(series(all, at, value));
        }
    }
}
