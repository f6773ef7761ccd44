package dev.scalingadvisor.testbed.loadjob.job;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The load job's program arguments ({@code --name value} pairs).
 *
 * @param controlDir where the producer's high-water mark is read and the read position and ledger are written
 * @param jobName the Flink job name
 * @param keys how many distinct keys records spread over
 * @param hotKeyFraction the share of records (0..1) that all go to key 0, for skew
 * @param workMicros wall-clock time the heavy operator spends on each record
 * @param cpuShare the part of that time spent burning CPU (the rest waits, like a lookup); 1 is CPU only
 * @param checkpointIntervalMs how often the job checkpoints
 * @param sourceAsFastAsItCan  read an endless sequence as fast as the job takes it instead of the producer's
 *                             records: the source has no backlog, so it exports no backlog metric (and the ledger's
 *                             sum has no produced count to match)
 */
public record LoadJobArgs(
        Path controlDir,
        String jobName,
        int keys,
        double hotKeyFraction,
        long workMicros,
        double cpuShare,
        long checkpointIntervalMs,
        boolean sourceAsFastAsItCan)
        implements Serializable {

    public LoadJobArgs {
        if (keys < 1) {
            throw new IllegalArgumentException("--keys must be at least 1, not " + keys);
        }
        if (hotKeyFraction < 0 || hotKeyFraction > 1) {
            throw new IllegalArgumentException("--hot-key-fraction must be within 0..1, not " + hotKeyFraction);
        }
        if (workMicros < 0) {
            throw new IllegalArgumentException("--work-micros must not be negative, not " + workMicros);
        }
        if (cpuShare < 0 || cpuShare > 1) {
            throw new IllegalArgumentException("--cpu-share must be within 0..1, not " + cpuShare);
        }
        if (checkpointIntervalMs < 100) {
            throw new IllegalArgumentException(
                    "--checkpoint-interval-ms must be at least 100, not " + checkpointIntervalMs);
        }
    }

    /** The arguments every variant of the job takes; others (the Kafka source's) are left to their variant. */
    public static LoadJobArgs parse(String[] args) {
        Map<String, String> values = pairs(args);
        String controlDir = values.get("control-dir");
        if (controlDir == null) {
            throw new IllegalArgumentException("--control-dir is required");
        }
        return new LoadJobArgs(
                Path.of(controlDir),
                values.getOrDefault("job-name", "load-job"),
                Integer.parseInt(values.getOrDefault("keys", "1000")),
                Double.parseDouble(values.getOrDefault("hot-key-fraction", "0")),
                Long.parseLong(values.getOrDefault("work-micros", "500")),
                Double.parseDouble(values.getOrDefault("cpu-share", "0.5")),
                Long.parseLong(values.getOrDefault("checkpoint-interval-ms", "2000")),
                source(values.getOrDefault("source", "produced")));
    }

    private static boolean source(String name) {
        return switch (name) {
            case "produced" -> false;
            case "as-fast-as-it-can" -> true;
            default ->
                throw new IllegalArgumentException("--source must be produced or as-fast-as-it-can, not " + name);
        };
    }

    /** {@code --name value} pairs by name (without the dashes). */
    static Map<String, String> pairs(String[] args) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value pairs, got " + String.join(" ", args));
            }
            values.put(args[i].substring(2), args[i + 1]);
        }
        return values;
    }
}
