package dev.scalingadvisor.actions.rescale.request;

import dev.scalingadvisor.core.yaml.MappingReader;
import dev.scalingadvisor.core.yaml.ValueParser;
import dev.scalingadvisor.core.yaml.ValueParsers;
import java.nio.file.Files;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a {@code rescale:} mapping where every key is optional and falls back to given defaults (the
 * global section to {@link RescaleSettings#DEFAULTS}, a job's section to the global one).
 */
public final class RescaleSettingsYaml {

    private static final ValueParser<Duration> TIMEOUT =
            ValueParsers.duration(Duration.ofSeconds(1), Duration.ofHours(6));

    private static final ValueParser<ZoneId> TIME_ZONE = text -> {
        try {
            return ZoneId.of(text.strip());
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException(
                    "not a time zone: \"" + text + "\" (an IANA name such as Europe/Berlin, or UTC, or +02:00)");
        }
    };

    private RescaleSettingsYaml() {}

    /** Reads and finishes {@code section}. */
    public static Optional<RescaleSettings> read(MappingReader section, RescaleSettings defaults) {
        RescaleStrategy strategy =
                section.optional("strategy", ValueParsers.oneOf(RescaleStrategy.class), defaults.strategy());
        Optional<String> savepointDir =
                section.optional("savepointDir", ValueParsers.text()).or(defaults::savepointDir);
        Duration savepointTimeout = section.optional("savepointTimeout", TIMEOUT, defaults.savepointTimeout());
        Duration runningTimeout = section.optional("runningTimeout", TIMEOUT, defaults.runningTimeout());
        Duration verifyWindow = section.optional(
                "verifyWindow", ValueParsers.duration(Duration.ZERO, Duration.ofHours(6)), defaults.verifyWindow());
        int submitAttempts = section.optional("submitAttempts", ValueParsers.integer(1, 20), defaults.submitAttempts());
        Duration submitBackoff = section.optional(
                "submitBackoff",
                ValueParsers.duration(Duration.ofMillis(100), Duration.ofMinutes(10)),
                defaults.submitBackoff());
        Duration submitTimeout = section.optional("submitTimeout", TIMEOUT, defaults.submitTimeout());
        Duration pollInterval = section.optional(
                "pollInterval",
                ValueParsers.duration(Duration.ofMillis(100), Duration.ofMinutes(1)),
                defaults.pollInterval());
        int perHour = section.optional("maxPerJobPerHour", ValueParsers.integer(1, 60), defaults.maxPerJobPerHour());
        int concurrent = section.optional(
                "maxConcurrentPerCluster", ValueParsers.integer(1, 100), defaults.maxConcurrentPerCluster());
        ZoneId zone = section.optional("timeZone", TIME_ZONE, defaults.timeZone());
        // Inherited periods move to a zone set beside them: a job in another region gives its timeZone only.
        List<ExcludedPeriod> excluded = section.has("excludedPeriods")
                ? section.valueList("excludedPeriods", expression -> new ExcludedPeriod(expression, zone))
                : defaults.excludedPeriods().stream().map(p -> p.inZone(zone)).toList();
        // Not a key of its own: the daemon sets it from the job's scaling.stabilization (one setting, one idea).
        Duration stabilization = defaults.stabilizationPeriod();
        Duration checkpointMaxAge = section.optional("checkpointMaxAge", TIMEOUT, defaults.checkpointMaxAge());
        int maxCheckpointFailures = section.optional(
                "maxCheckpointFailures", ValueParsers.integer(0, 1000), defaults.maxCheckpointFailures());
        Duration failureWindow = section.optional(
                "checkpointFailureWindow",
                ValueParsers.duration(Duration.ofSeconds(1), Duration.ofDays(1)),
                defaults.checkpointFailureWindow());
        boolean allowNonRestored =
                section.optional("allowNonRestoredState", ValueParsers.bool(), defaults.allowNonRestoredState());
        boolean dryRun = section.optional("dryRun", ValueParsers.bool(), defaults.dryRun());
        Optional<JobJar> jar =
                section.mapping("jar").flatMap(RescaleSettingsYaml::readJar).or(defaults::jar);
        section.finish();
        return section.build(() -> new RescaleSettings(
                strategy,
                savepointDir,
                savepointTimeout,
                runningTimeout,
                verifyWindow,
                submitAttempts,
                submitBackoff,
                submitTimeout,
                pollInterval,
                perHour,
                concurrent,
                excluded,
                zone,
                stabilization,
                checkpointMaxAge,
                maxCheckpointFailures,
                failureWindow,
                allowNonRestored,
                dryRun,
                jar));
    }

    /** {@code jar: {id | file | name, entryClass, args}}: exactly one way to find the jar. */
    private static Optional<JobJar> readJar(MappingReader jar) {
        List<JobJar.Locator> locators = new ArrayList<>();
        jar.optional("id", ValueParsers.text()).ifPresent(id -> locators.add(new JobJar.UploadedId(id)));
        jar.path("file").ifPresent(file -> {
            if (!Files.isReadable(file)) {
                jar.problem("file", "cannot read jar file " + file);
            }
            locators.add(new JobJar.LocalFile(file));
        });
        jar.optional("name", ValueParsers.text()).ifPresent(name -> locators.add(new JobJar.UploadedName(name)));
        Optional<String> entryClass = jar.optional("entryClass", ValueParsers.text());
        List<String> args = jar.valueList("args", text -> text);
        jar.finish();
        if (locators.size() != 1) {
            jar.problem("set exactly one of id, file or name (found " + locators.size() + ")");
            return Optional.empty();
        }
        return Optional.of(new JobJar(locators.get(0), entryClass, args));
    }
}
