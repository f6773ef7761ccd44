package dev.scalingadvisor.testbed.e2e.demo;

import dev.scalingadvisor.testbed.e2e.advisor.AdvisorProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

/**
 * One look at the advisor process during a soak: the kernel's resident set size and open files for its pid, and
 * from its {@code /metrics} the heap, the old generation after its last collection, the threads, and how many
 * cycles ran and failed.
 */
record SoakSample(
        Duration elapsed,
        long rssKb,
        double heapUsed,
        double oldGenAfterGc,
        double nonHeapUsed,
        double threads,
        long openFiles,
        double cyclesOk,
        double cyclesFailed,
        double leftStopped,
        int readyzStatus,
        long scaledUp,
        long scaledDown,
        int webhooks) {

    static final String CSV_HEADER = "elapsed_s,rss_kb,heap_used_bytes,old_gen_after_gc_bytes,non_heap_used_bytes,"
            + "threads,open_files,cycles_ok,cycles_failed,jobs_left_stopped,readyz,scaled_up,scaled_down,webhooks";

    static SoakSample take(AdvisorProcess advisor, Duration elapsed, long scaledUp, long scaledDown, int webhooks) {
        long pid = advisor.pid();
        String metrics = advisor.metrics();
        int readyz = advisor.get("/readyz").status();
        return new SoakSample(
                elapsed,
                rssKb(pid),
                metric(metrics, "jvm_memory_bytes_used{area=\"heap\"", "jvm_memory_used_bytes{area=\"heap\""),
                metric(
                        metrics,
                        "jvm_memory_pool_collection_used_bytes{pool=\"Tenured Gen\"",
                        "jvm_memory_pool_collection_used_bytes{pool=\"G1 Old Gen\""),
                metric(metrics, "jvm_memory_bytes_used{area=\"nonheap\"", "jvm_memory_used_bytes{area=\"nonheap\""),
                metric(metrics, "jvm_threads_current"),
                openFiles(pid),
                metric(metrics, "scaling_advisor_evaluation_cycles_total{outcome=\"ok\""),
                metric(metrics, "scaling_advisor_evaluation_cycles_total{outcome=\"failed\""),
                sum(metrics, "scaling_advisor_jobs_left_stopped"),
                readyz,
                scaledUp,
                scaledDown,
                webhooks);
    }

    String csvLine() {
        return String.format(
                Locale.ROOT,
                "%d,%d,%.0f,%.0f,%.0f,%.0f,%d,%.0f,%.0f,%.0f,%d,%d,%d,%d",
                elapsed.toSeconds(),
                rssKb,
                heapUsed,
                oldGenAfterGc,
                nonHeapUsed,
                threads,
                openFiles,
                cyclesOk,
                cyclesFailed,
                leftStopped,
                readyzStatus,
                scaledUp,
                scaledDown,
                webhooks);
    }

    /** Per {@code window} of the run: RSS and old generation (min, max), threads, open files, rescales, webhooks. */
    static String summary(List<SoakSample> samples, Duration window) {
        if (samples.isEmpty()) {
            return "no samples";
        }
        List<String> lines = new ArrayList<>();
        lines.add("window   RSS MB min-max   heap MB max   old gen after GC MB min-max   threads max   open files max"
                + "   cycles ok/failed   rescales up/down   webhooks");
        long windows = samples.get(samples.size() - 1).elapsed().dividedBy(window) + 1;
        for (long w = 0; w < windows; w++) {
            Duration from = window.multipliedBy(w);
            Duration to = from.plus(window);
            List<SoakSample> in = samples.stream()
                    .filter(s -> s.elapsed().compareTo(from) >= 0 && s.elapsed().compareTo(to) < 0)
                    .toList();
            if (in.isEmpty()) {
                continue;
            }
            SoakSample last = in.get(in.size() - 1);
            lines.add(String.format(
                    Locale.ROOT,
                    "%3dh-%dh   %6.1f-%6.1f   %6.1f        %6.1f-%6.1f                 %4.0f          %4.0f"
                            + "             %6.0f/%.0f          %d/%d                %d",
                    w,
                    w + 1,
                    min(in, s -> s.rssKb() / 1024.0),
                    max(in, s -> s.rssKb() / 1024.0),
                    max(in, s -> s.heapUsed() / 1048576),
                    min(in, s -> s.oldGenAfterGc() / 1048576),
                    max(in, s -> s.oldGenAfterGc() / 1048576),
                    max(in, SoakSample::threads),
                    max(in, s -> s.openFiles()),
                    last.cyclesOk(),
                    last.cyclesFailed(),
                    last.scaledUp(),
                    last.scaledDown(),
                    last.webhooks()));
        }
        return String.join("\n", lines);
    }

    private static double min(List<SoakSample> samples, ToDoubleFunction<SoakSample> value) {
        return samples.stream().mapToDouble(value).min().orElse(Double.NaN);
    }

    private static double max(List<SoakSample> samples, ToDoubleFunction<SoakSample> value) {
        return samples.stream().mapToDouble(value).max().orElse(Double.NaN);
    }

    /** The value of the first series whose name and leading labels are one of {@code prefixes}; NaN when none is. */
    static double metric(String exposition, String... prefixes) {
        for (String prefix : prefixes) {
            OptionalDouble value = exposition
                    .lines()
                    .filter(line ->
                            line.startsWith(prefix) && (prefix.contains("{") || line.charAt(prefix.length()) == ' '))
                    .mapToDouble(SoakSample::value)
                    .findFirst();
            if (value.isPresent()) {
                return value.getAsDouble();
            }
        }
        return Double.NaN;
    }

    /** The sum over every series of a metric (all its label values). */
    static double sum(String exposition, String name) {
        return exposition
                .lines()
                .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .mapToDouble(SoakSample::value)
                .sum();
    }

    private static double value(String line) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }

    private static long rssKb(long pid) {
        try (Stream<String> lines = Files.lines(Path.of("/proc", Long.toString(pid), "status"))) {
            return lines.filter(l -> l.startsWith("VmRSS:"))
                    .map(l -> l.replaceAll("[^0-9]", ""))
                    .mapToLong(Long::parseLong)
                    .findFirst()
                    .orElse(-1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the advisor's RSS", e);
        }
    }

    private static long openFiles(long pid) {
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            return fds.count();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the advisor's open files", e);
        }
    }
}
