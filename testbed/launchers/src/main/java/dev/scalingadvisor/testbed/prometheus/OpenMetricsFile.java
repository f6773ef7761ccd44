package dev.scalingadvisor.testbed.prometheus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes synthetic series in the OpenMetrics text format that {@code promtool tsdb create-blocks-from openmetrics}
 * reads, avoiding its silent pitfalls: timestamps in seconds, samples in time order, a {@code # TYPE} line first,
 * no empty lines, {@code # EOF} at the end.
 */
public final class OpenMetricsFile {

    private OpenMetricsFile() {}

    public static void write(List<SyntheticSeries> series, Path file) {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(render(series));
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
    }

    /** The file's text; samples of one metric family must be contiguous, so series are grouped by name. */
    public static String render(List<SyntheticSeries> series) {
        Map<String, List<SyntheticSeries>> families = series.stream()
                .collect(Collectors.groupingBy(SyntheticSeries::metric, LinkedHashMap::new, Collectors.toList()));
        StringBuilder text = new StringBuilder();
        try {
            for (Map.Entry<String, List<SyntheticSeries>> family : families.entrySet()) {
                appendFamily(text, family.getKey(), family.getValue());
            }
            appendEnd(text);
        } catch (IOException e) {
            throw new IllegalStateException("a StringBuilder does not fail", e);
        }
        return text.toString();
    }

    /**
     * Appends one metric family, every series of it; after the last family, {@link #appendEnd}. For a history too
     * large to hold at once: write it to a file a family at a time.
     */
    public static void appendFamily(Appendable out, String metric, List<SyntheticSeries> members) throws IOException {
        out.append("# TYPE ").append(metric).append(" gauge\n");
        for (SyntheticSeries one : members) {
            String labels = labels(one.labels());
            for (Sample sample : one.samples()) {
                out.append(metric)
                        .append(labels)
                        .append(' ')
                        .append(value(sample.value()))
                        .append(' ')
                        .append(seconds(sample))
                        .append('\n');
            }
        }
    }

    public static void appendEnd(Appendable out) throws IOException {
        out.append("# EOF\n");
    }

    private static String labels(Map<String, String> labels) {
        if (labels.isEmpty()) {
            return "";
        }
        return labels.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + "=\"" + escape(e.getValue()) + "\"")
                .collect(Collectors.joining(",", "{", "}"));
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static String value(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        return Double.toString(value);
    }

    // Seconds with millisecond precision; milliseconds would be read as seconds and land centuries away.
    private static String seconds(Sample sample) {
        return BigDecimal.valueOf(sample.at().toEpochMilli())
                .movePointLeft(3)
                .stripTrailingZeros()
                .toPlainString();
    }
}
