package dev.scalingadvisor.testbed.e2e.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The directory of one demo run: the transcript, the advisor's config, state and log, the notifications
 * received, and under {@code logs/} every process's log. Flink's and Prometheus' logs live in the testbed's
 * temp dirs while they run (linked from {@code logs/}) and are copied over the links before those dirs are
 * deleted, so the run dir keeps every log after the demo.
 */
final class RunDirectory {

    private final Path root;
    private final Path logs;
    private final Map<String, Path> links = new LinkedHashMap<>();

    RunDirectory(Path root) {
        this.root = root.toAbsolutePath().normalize();
        this.logs = this.root.resolve("logs");
        try {
            Files.createDirectories(logs);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create the run directory " + root, e);
        }
    }

    Path root() {
        return root;
    }

    Path logs() {
        return logs;
    }

    /** Where the advisor's config, state dir and log go. */
    Path advisorDir() {
        return root.resolve("advisor");
    }

    /** The full JSON of every notification the webhook sink received, one per line. */
    Path webhooksFile() {
        return logs.resolve("webhooks.jsonl");
    }

    Path transcript() {
        return root.resolve("demo.log");
    }

    /** Makes {@code logs/<name>} point at a log that a process writes elsewhere while it runs. */
    synchronized void link(String name, Path liveLog) {
        Path link = logs.resolve(name);
        try {
            Files.deleteIfExists(link);
            Files.createSymbolicLink(link, liveLog.toAbsolutePath());
            links.put(name, liveLog.toAbsolutePath());
        } catch (IOException | UnsupportedOperationException e) {
            // Without a link the log is still where the process writes it, and preserve() copies it.
            links.put(name, liveLog.toAbsolutePath());
        }
    }

    /** Replaces every link by a copy of its log as it is now; returns the names of logs that did not exist. */
    synchronized List<String> preserve() {
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, Path> entry : links.entrySet()) {
            Path target = logs.resolve(entry.getKey());
            Path live = entry.getValue();
            try {
                if (!Files.exists(live)) {
                    missing.add(entry.getKey());
                    Files.deleteIfExists(target);
                    continue;
                }
                Path copy = logs.resolve(entry.getKey() + ".copy");
                Files.copy(live, copy, StandardCopyOption.REPLACE_EXISTING);
                Files.move(copy, target, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                missing.add(entry.getKey() + " (" + e.getMessage() + ")");
            }
        }
        links.clear();
        return missing;
    }
}
