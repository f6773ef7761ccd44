package dev.scalingadvisor.advisor.config;

import dev.scalingadvisor.core.settings.Option;
import dev.scalingadvisor.core.settings.Section;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where the advisor keeps its state database, and how long the decision history is kept. Its directory's
 * default depends on the environment, so the loader reads this section over a fallback it computes.
 */
public record StateSettings(Path dir, Duration historyRetention) {

    public static final Option<StateSettings, Path> DIR = Option.path(
                    "dir",
                    StateSettings::dir,
                    "`$STATE_DIRECTORY` (systemd's `StateDirectory=`), else `$XDG_STATE_HOME/scaling-advisor`, "
                            + "else `~/.local/state/scaling-advisor`")
            .means("where the advisor keeps its state and decision journal (SQLite; created if missing)");

    public static final Option<StateSettings, Duration> HISTORY_RETENTION = Option.duration(
                    "historyRetention", StateSettings::historyRetention, "1h", "3650d", "30d")
            .means("decision history older than this is deleted");

    public static final Section<StateSettings> SECTION = Section.of(
            "The advisor's state: the rescale journal, the engine's memory and the decision history.",
            v -> new StateSettings(v.get(DIR), v.get(HISTORY_RETENTION)),
            DIR,
            HISTORY_RETENTION);

    public StateSettings {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(historyRetention, "historyRetention");
    }

    /** The settings when the file says nothing, in a directory that depends on the environment. */
    public static StateSettings in(Path dir) {
        return new StateSettings(dir, HISTORY_RETENTION.defaultValue());
    }
}
