package dev.scalingadvisor.core.settings;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes the reference of a configuration file from its declared {@link Section}s, as Markdown: one heading per
 * mapping (by its path, {@code scaling.policy}), one table row per key with its value's form and bounds, its
 * default and what it is for. {@code docs/configuration.md} is this text; a test keeps it current.
 */
public final class ConfigurationReference {

    private final StringBuilder out = new StringBuilder();
    /** Where each section's heading is: a section met again (a job's {@code rescale}) links there. */
    private final Map<Section<?>, String> headings = new IdentityHashMap<>();

    private ConfigurationReference() {}

    /**
     * @param title   the document's heading
     * @param preface what the reader needs before the tables (conventions, how it is generated)
     * @param root    the file's top-level mapping
     */
    public static String markdown(String title, String preface, Section<?> root) {
        ConfigurationReference reference = new ConfigurationReference();
        reference
                .out
                .append("# ")
                .append(title)
                .append("\n\n")
                .append(preface.strip())
                .append("\n");
        reference.section("", "Top level", root);
        return reference.out.toString();
    }

    private <S> void section(String path, String heading, Section<S> section) {
        out.append("\n## ").append(heading).append("\n\n");
        out.append(section.description().strip()).append("\n\n");
        out.append("| key | value | default | what |\n| --- | --- | --- | --- |\n");
        List<Runnable> below = new ArrayList<>();
        rows(path, section, below);
        below.forEach(Runnable::run);
    }

    private <S> void rows(String path, Section<S> section, List<Runnable> below) {
        for (SettingsEntry<S> entry : section.entries()) {
            row(path, entry, below);
        }
    }

    // Java 17 has no pattern switch; the entry kinds are sealed, so this ladder is complete.
    private <S> void row(String path, SettingsEntry<S> entry, List<Runnable> below) {
        if (entry instanceof Option<S, ?> option) {
            if (option.section().isPresent()) {
                String form = mapping(join(path, option.key()), option.section().get(), below);
                cells("`" + option.key() + "`", form, option.defaultText(), option.description());
            } else if (option.isKey()) {
                cells("`" + option.key() + "`", option.type(), option.defaultText(), option.description());
            }
        } else if (entry instanceof Nested<S, ?> nested) {
            String form = mapping(join(path, nested.key()), nested.section(), below)
                    + nested.shorthand()
                            .map(s -> ", or its `" + s.key() + "` alone")
                            .orElse("");
            cells("`" + nested.key() + "`", form, "", nested.description());
        } else if (entry instanceof ListOf<S, ?> list) {
            String elementPath = join(path, list.key()) + "[]";
            cells("`" + list.key() + "`", "list of mappings: see " + link(elementPath), "`[]`", list.description());
            below.add(() -> section(elementPath, "`" + elementPath + "`", list.element()));
        } else if (entry instanceof Include<S, ?> include) {
            if (include.inline()) {
                rows(path, include.section(), below);
            } else {
                cells("every key of " + link(include.name()), "as there", "as there", include.description());
            }
        }
    }

    /** How a nested mapping's row names its keys: a link to their heading, written below unless it already is. */
    private String mapping(String path, Section<?> section, List<Runnable> below) {
        String heading = headings.get(section);
        if (heading != null) {
            return "mapping: the keys of " + link(heading);
        }
        headings.put(section, path);
        below.add(() -> section(path, "`" + path + "`", section));
        return "mapping: see " + link(path);
    }

    private void cells(String... cells) {
        out.append("|");
        for (String cell : cells) {
            out.append(" ").append(cell.replace("|", "\\|").replace("\n", " ")).append(" |");
        }
        out.append("\n");
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** A link to a path's heading; GitHub's anchors drop the backticks, dots and brackets. */
    private static String link(String path) {
        String anchor = path.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9 _-]", "");
        return "[`" + path + "`](#" + anchor + ")";
    }
}
