package dev.scalingadvisor.actions.rescale;

import dev.scalingadvisor.actions.flink.FlinkRestClient;
import dev.scalingadvisor.actions.flink.UploadedJar;
import dev.scalingadvisor.actions.rescale.guard.PreflightFacts;
import dev.scalingadvisor.actions.rescale.guard.Refusal;
import dev.scalingadvisor.actions.rescale.request.JobJar;
import dev.scalingadvisor.actions.rescale.request.PreflightGuard;
import dev.scalingadvisor.actions.rescale.request.RescaleSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Finds the jar savepoint-redeploy resubmits with, before the job is touched: Flink does not remember a
 * running job's jar, so {@code rescale.jar} says which one. A refusal here leaves the job alone.
 */
final class JarResolution {

    private JarResolution() {}

    static Rescaler.Preparation resolve(PreflightFacts facts, FlinkRestClient client) {
        RescaleSettings settings = facts.request().settings();
        if (settings.jar().isEmpty()) {
            return refused("no rescale.jar is configured for job "
                    + facts.request().job().name()
                    + ": savepoint-redeploy must know which jar to resubmit (id, file or name)");
        }
        JobJar jar = settings.jar().get();
        List<UploadedJar> uploaded = client.jars();
        JobJar.Locator locator = jar.locator();
        if (locator instanceof JobJar.UploadedId byId) {
            if (uploaded.stream().noneMatch(j -> j.id().equals(byId.id()))) {
                return refused("no jar with id " + byId.id() + " is uploaded to cluster "
                        + facts.request().cluster());
            }
            return ready(Optional.of(byId.id()), Optional.empty(), jar, settings);
        }
        if (locator instanceof JobJar.UploadedName byName) {
            Optional<UploadedJar> newest = newestNamed(uploaded, byName.name(), Instant.MIN);
            if (newest.isEmpty()) {
                return refused("no jar named " + byName.name() + " is uploaded to cluster "
                        + facts.request().cluster());
            }
            return ready(Optional.of(newest.get().id()), Optional.empty(), jar, settings);
        }
        Path file = ((JobJar.LocalFile) locator).file();
        Instant modified;
        try {
            modified = Files.getLastModifiedTime(file).toInstant();
        } catch (IOException e) {
            return refused("cannot read the job's jar file " + file + ": " + e.getMessage());
        }
        // An uploaded copy at least as new as the file is the same jar; otherwise upload it first.
        Optional<UploadedJar> copy = newestNamed(uploaded, file.getFileName().toString(), modified);
        return copy.isPresent()
                ? ready(Optional.of(copy.get().id()), Optional.empty(), jar, settings)
                : ready(Optional.empty(), Optional.of(file), jar, settings);
    }

    private static Optional<UploadedJar> newestNamed(List<UploadedJar> uploaded, String name, Instant notBefore) {
        return uploaded.stream()
                .filter(j -> j.name().equals(name) && !j.uploaded().isBefore(notBefore))
                .max(Comparator.comparing(UploadedJar::uploaded));
    }

    private static Rescaler.Preparation ready(
            Optional<String> jarId, Optional<Path> upload, JobJar jar, RescaleSettings settings) {
        return new Rescaler.Preparation.Ready(Optional.of(
                new JarSubmission(jarId, upload, jar.entryClass(), jar.args(), settings.allowNonRestoredState())));
    }

    private static Rescaler.Preparation refused(String reason) {
        return new Rescaler.Preparation.Refused(new Refusal(PreflightGuard.JAR, reason));
    }
}
