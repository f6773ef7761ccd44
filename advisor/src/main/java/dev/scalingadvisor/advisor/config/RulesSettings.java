package dev.scalingadvisor.advisor.config;

import dev.scalingadvisor.core.settings.InvalidSettingsException;
import dev.scalingadvisor.core.settings.Nested;
import dev.scalingadvisor.core.settings.Option;
import dev.scalingadvisor.core.settings.Section;
import dev.scalingadvisor.core.yaml.MappingReader;
import dev.scalingadvisor.core.yaml.ValueParser;
import dev.scalingadvisor.core.yaml.ValueSchema;
import dev.scalingadvisor.rules.query.JobLabels;
import dev.scalingadvisor.rules.rule.RulePackSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Which rule packs to evaluate and which labels identify jobs and vertices in their results. */
public record RulesSettings(List<RulePackSource> packs, JobLabels labels) {

    private static final String BUILTIN = "builtin:";

    public static final Option<RulesSettings, List<RulePackSource>> PACKS = Option.readBy(
                    "packs",
                    RulesSettings::packs,
                    (rules, key) ->
                            rules.has(key) ? Optional.of(rules.valueList(key, packSource(rules))) : Optional.empty(),
                    "list of: `builtin:default` or a rule pack file",
                    ValueSchema.list(ValueSchema.text()),
                    List.<RulePackSource>of(RulePackSource.Builtin.DEFAULT),
                    "`[builtin:default]`")
            .means("rule packs to evaluate, in order; `builtin:default` is the pack shipped in the jar (readable copy:"
                    + " rules/src/main/resources/rulepacks/default.yaml)");
    public static final Nested<RulesSettings, JobLabels> LABELS =
            Nested.of("labels", RulesSettings::labels, JobLabels.SECTION, "which labels identify jobs and vertices");

    public static final Section<RulesSettings> SECTION = Section.of(
            "The rules the advisor evaluates.", v -> new RulesSettings(v.get(PACKS), v.get(LABELS)), PACKS, LABELS);

    public static final RulesSettings DEFAULTS = SECTION.defaults();

    public RulesSettings {
        packs = List.copyOf(packs);
        Objects.requireNonNull(labels, "labels");
        if (packs.isEmpty()) {
            throw new InvalidSettingsException(
                    "no rule packs listed (leave the key out to use builtin:default)", List.of(PACKS.key()));
        }
    }

    /** {@code builtin:<name>} or a file, relative ones taken from the configuration file's directory. */
    private static ValueParser<RulePackSource> packSource(MappingReader rules) {
        return text -> {
            String trimmed = text.trim();
            if (trimmed.startsWith(BUILTIN)) {
                String name = trimmed.substring(BUILTIN.length());
                if (!name.equals(RulePackSource.Builtin.DEFAULT.name())) {
                    throw new IllegalArgumentException(
                            "unknown built-in rule pack \"" + name + "\" (there is: default)");
                }
                return RulePackSource.Builtin.DEFAULT;
            }
            Path packFile = rules.resolve(trimmed);
            if (!Files.isRegularFile(packFile)) {
                throw new IllegalArgumentException("rule pack file " + packFile + " does not exist");
            }
            return new RulePackSource.File(packFile);
        };
    }
}
