package dev.scalingadvisor.actions.rescale.request;

import dev.scalingadvisor.core.settings.InvalidSettingsException;
import dev.scalingadvisor.core.settings.Option;
import dev.scalingadvisor.core.settings.Section;
import dev.scalingadvisor.core.yaml.ValueParser;
import dev.scalingadvisor.core.yaml.ValueParsers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which jar resubmits a job after a savepoint, with its entry class and program arguments. Flink does
 * not remember a running job's jar, so savepoint-redeploy needs to be told.
 */
public record JobJar(Locator locator, Optional<String> entryClass, List<String> args) {

    public static final Option<JobJar, Optional<String>> ID = Option.optional(
                    "id",
                    (JobJar j) -> j.locator() instanceof UploadedId u ? Optional.of(u.id()) : Optional.empty(),
                    ValueParsers.text(),
                    "none")
            .means("a jar already uploaded, by the id `GET /jars` lists");
    public static final Option<JobJar, Optional<Path>> FILE = Option.readableFile(
                    "file",
                    (JobJar j) -> j.locator() instanceof LocalFile f ? Optional.of(f.file()) : Optional.empty(),
                    "jar file",
                    "none")
            .means("a local jar the advisor uploads when no uploaded jar has its file name");
    public static final Option<JobJar, Optional<String>> NAME = Option.optional(
                    "name",
                    (JobJar j) -> j.locator() instanceof UploadedName n ? Optional.of(n.name()) : Optional.empty(),
                    ValueParsers.text(),
                    "none")
            .means("the newest uploaded jar with this file name");
    public static final Option<JobJar, Optional<String>> ENTRY_CLASS = Option.optional(
                    "entryClass", JobJar::entryClass, ValueParsers.text(), "the jar manifest's")
            .means("the job's main class");
    public static final Option<JobJar, List<String>> ARGS = Option.list(
                    "args", JobJar::args, ValueParser.described("text", arg -> arg, arg -> arg), List.of())
            .means("the job's program arguments");

    public static final Section<JobJar> SECTION = Section.of(
            "How savepoint-redeploy resubmits the job: exactly one of `id`, `file` or `name` finds the jar.",
            v -> of(v.get(ID), v.get(FILE), v.get(NAME), v.get(ENTRY_CLASS), v.get(ARGS)),
            ID,
            FILE,
            NAME,
            ENTRY_CLASS,
            ARGS);

    public JobJar {
        Objects.requireNonNull(locator, "locator");
        Objects.requireNonNull(entryClass, "entryClass");
        args = List.copyOf(args);
    }

    private static JobJar of(
            Optional<String> id,
            Optional<Path> file,
            Optional<String> name,
            Optional<String> entryClass,
            List<String> args) {
        List<Locator> locators = new ArrayList<>();
        id.map(UploadedId::new).ifPresent(locators::add);
        file.map(LocalFile::new).ifPresent(locators::add);
        name.map(UploadedName::new).ifPresent(locators::add);
        if (locators.size() != 1) {
            throw new InvalidSettingsException(
                    "set exactly one of id, file or name (found " + locators.size() + ")", List.of());
        }
        return new JobJar(locators.get(0), entryClass, args);
    }

    /** How the jar is found on the cluster. */
    public sealed interface Locator {}

    /** A jar already uploaded, by the id {@code GET /jars} lists. */
    public record UploadedId(String id) implements Locator {
        public UploadedId {
            Objects.requireNonNull(id, "id");
        }
    }

    /** A local jar file the advisor uploads when no uploaded copy with the same name exists. */
    public record LocalFile(Path file) implements Locator {
        public LocalFile {
            Objects.requireNonNull(file, "file");
        }
    }

    /** The newest uploaded jar with this file name, found in {@code GET /jars}. */
    public record UploadedName(String name) implements Locator {
        public UploadedName {
            Objects.requireNonNull(name, "name");
        }
    }
}
