package dev.scalingadvisor.testbed.e2e.demo;

import dev.scalingadvisor.testbed.flink.JobVertex;
import dev.scalingadvisor.testbed.loadjob.LoadJob;
import dev.scalingadvisor.testbed.loadjob.LoadJobState;
import dev.scalingadvisor.testbed.metrics.FlinkMetrics;
import dev.scalingadvisor.testbed.prometheus.InstantSample;
import dev.scalingadvisor.testbed.prometheus.PrometheusQueries;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * The demo's compact timeline: every few seconds one row with the offered load, what the job processed, the
 * backlog (records produced and not counted yet, {@link LoadJobState#unprocessed()}), the source's backpressure
 * and the heavy operator's busy time (from Prometheus, as the advisor sees them) and each vertex's parallelism
 * (from Flink's REST API).
 */
final class Timeline implements AutoCloseable {

    static final String HEADER =
            "   time  offered/s  processed/s    backlog  source backpressure  count-per-key busy  parallelism";
    private static final int HEADER_EVERY_ROWS = 20;

    private final DemoConsole console;
    private final LoadJob load;
    private final JobWatcher watcher;
    private final PrometheusQueries prometheus;
    private final Duration every;
    private final List<Row> rows = new CopyOnWriteArrayList<>();
    private final RepeatingTask ticker;
    private long lastRecords = -1;
    private long lastNanos;
    private int rowsSinceHeader = HEADER_EVERY_ROWS;

    Timeline(DemoConsole console, LoadJob load, JobWatcher watcher, PrometheusQueries prometheus, Duration every) {
        this.console = console;
        this.load = load;
        this.watcher = watcher;
        this.prometheus = prometheus;
        this.every = every;
        this.ticker = new RepeatingTask("demo-timeline");
    }

    void start() {
        ticker.atFixedRate(this::tickQuietly, every);
    }

    /** Every row printed so far. */
    List<Row> rows() {
        return List.copyOf(rows);
    }

    /** Prints the column headings again before the next row (e.g. after a burst of event lines). */
    synchronized void repeatHeaderSoon() {
        rowsSinceHeader = HEADER_EVERY_ROWS;
    }

    @Override
    public void close() {
        ticker.close();
    }

    private void tickQuietly() {
        try {
            tick();
        } catch (RuntimeException e) {
            console.event("DEMO", "timeline row skipped: " + e.getMessage());
        }
    }

    private synchronized void tick() {
        long now = System.nanoTime();
        LoadJobState state = load.readState();
        OptionalDouble processed = OptionalDouble.empty();
        if (lastRecords >= 0) {
            processed = OptionalDouble.of((state.records() - lastRecords) / ((now - lastNanos) / 1e9));
        }
        lastRecords = state.records();
        lastNanos = now;
        JobWatcher.JobSnapshot job = watcher.latest();
        Optional<String> jobId = job.jobId();
        OptionalDouble backPressure = jobId.flatMap(id -> job.vertex("Source: " + LoadJob.SOURCE)
                        .map(v -> max(FlinkMetrics.BACK_PRESSURED_TIME.name(), id, v)))
                .orElse(OptionalDouble.empty());
        OptionalDouble busy = jobId.flatMap(id ->
                        job.vertex(LoadJob.HEAVY_OPERATOR).map(v -> max(FlinkMetrics.BUSY_TIME.name(), id, v)))
                .orElse(OptionalDouble.empty());
        String parallelism = job.vertices().isEmpty()
                ? "-"
                : job.vertices().stream()
                        .map(v -> Integer.toString(v.parallelism()))
                        .collect(Collectors.joining(" / "));
        String status = job.fullyRunning() ? "" : job.state().toLowerCase(Locale.ROOT);
        if (watcher.lastError().isPresent()) {
            status = "Flink REST: " + watcher.lastError().get();
        }
        Row row = new Row(
                console.elapsed(),
                load.control().rate(),
                processed,
                state.unprocessed(),
                backPressure,
                busy,
                parallelism,
                status);
        rows.add(row);
        if (rowsSinceHeader >= HEADER_EVERY_ROWS) {
            console.line(HEADER);
            rowsSinceHeader = 0;
        }
        rowsSinceHeader++;
        console.line(row.format());
    }

    /** The busiest subtask's value of a task metric for one vertex of one run of the job, if Prometheus has it. */
    private OptionalDouble max(String metric, String jobId, JobVertex vertex) {
        List<InstantSample> samples =
                prometheus.instant("max(" + metric + "{job_id=\"" + jobId + "\",task_id=\"" + vertex.id() + "\"})");
        return samples.isEmpty()
                ? OptionalDouble.empty()
                : OptionalDouble.of(samples.get(0).value());
    }

    /** One timeline row. */
    record Row(
            Duration at,
            double offered,
            OptionalDouble processed,
            long lag,
            OptionalDouble backPressure,
            OptionalDouble busy,
            String parallelism,
            String status) {

        String format() {
            return String.format(
                    Locale.ROOT,
                    "  %5s  %9s  %11s  %9s  %19s  %18s  %s%s",
                    DemoConsole.clock(at),
                    count(offered),
                    processed.isPresent() ? count(processed.getAsDouble()) : "-",
                    count(lag),
                    msPerSecond(backPressure),
                    msPerSecond(busy),
                    parallelism,
                    status.isEmpty() ? "" : "  " + status);
        }

        private static String count(double value) {
            return String.format(Locale.ROOT, "%,d", Math.round(value));
        }

        private static String msPerSecond(OptionalDouble value) {
            return value.isPresent() && !Double.isNaN(value.getAsDouble())
                    ? String.format(Locale.ROOT, "%,d ms/s", Math.round(value.getAsDouble()))
                    : "-";
        }
    }
}
