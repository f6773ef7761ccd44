package dev.scalingadvisor.rules.rule;

import java.nio.file.Path;
import java.util.Objects;

/** Where a rule pack comes from: a pack built into the jar, or a file. */
public sealed interface RulePackSource {

    /** How the pack is named in messages and locations. */
    String displayName();

    /** A pack shipped in the jar, referred to as {@code builtin:<name>} in the configuration. */
    record Builtin(String name) implements RulePackSource {
        public static final Builtin DEFAULT = new Builtin("default");

        public Builtin {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public String displayName() {
            return "builtin:" + name;
        }
    }

    /** A pack file on disk. */
    record File(Path path) implements RulePackSource {
        public File {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public String displayName() {
            return path.toString();
        }
    }
}
