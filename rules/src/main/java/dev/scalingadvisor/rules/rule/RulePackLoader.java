package dev.scalingadvisor.rules.rule;

import dev.scalingadvisor.core.yaml.InvalidInputException;
import dev.scalingadvisor.core.yaml.MappingReader;
import dev.scalingadvisor.core.yaml.Problems;
import dev.scalingadvisor.core.yaml.SourceLocation;
import dev.scalingadvisor.core.yaml.ValueParsers;
import dev.scalingadvisor.core.yaml.YamlLoader;
import dev.scalingadvisor.core.yaml.YamlNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads rule packs: a YAML file with one key, {@code rules:}, a list of rules (see
 * {@code rulepacks/default.yaml}). Every problem is reported at once with file, line, column and field
 * path, exactly like configuration errors: unknown keys (with a suggestion), missing or malformed fields,
 * thresholds whose {@code clear} lies on the wrong side, bad durations and summaries, duplicate names
 * across all packs, and a top-level comparison without {@code bool} in an {@code expr} ({@link TopLevelComparison}). PromQL is checked online by {@link RulePackCheck}.
 */
public final class RulePackLoader {

    private static final String BUILTIN_DIRECTORY = "rulepacks/";
    /** Longer than any sensible {@code for}; Prometheus has no limit, but a typo like 30d should stand out. */
    private static final Duration LONGEST_FOR = Duration.ofDays(1);
    /** Prometheus' name for {@code keepFiringFor}, accepted as its alias. */
    private static final String PROMETHEUS_KEEP_FIRING_FOR = "keep_firing_for";

    private RulePackLoader() {}

    /** @throws InvalidInputException listing every problem in every pack */
    public static RulePack load(List<RulePackSource> sources) {
        Problems problems = new Problems();
        List<Rule> rules = new ArrayList<>();
        Map<RuleName, SourceLocation> seen = new HashMap<>();
        for (RulePackSource source : sources) {
            for (Rule rule : read(source, problems)) {
                SourceLocation earlier =
                        seen.putIfAbsent(rule.name(), rule.origin().rule());
                if (earlier != null) {
                    problems.add(
                            rule.origin().rule(),
                            rule.origin().path() + ".name",
                            "another rule is already named \"" + rule.name() + "\" (" + earlier
                                    + "); names must be unique across all packs");
                } else {
                    rules.add(rule);
                }
            }
        }
        problems.throwIfAny();
        return new RulePack(rules);
    }

    /** The rules of one pack that are valid; problems with the others are added to {@code problems}. */
    public static List<Rule> read(RulePackSource source, Problems problems) {
        Optional<YamlNode> document;
        String packName = source.displayName();
        if (source instanceof RulePackSource.Builtin builtin) {
            String resource = BUILTIN_DIRECTORY + builtin.name() + ".yaml";
            document = YamlLoader.verbatim().load(resource, builtinText(resource), problems);
        } else {
            document = YamlLoader.verbatim().load(((RulePackSource.File) source).path(), problems);
        }
        return document.flatMap(root -> MappingReader.of(root, "", problems, null))
                .map(root -> readPack(packName, root))
                .orElse(List.of());
    }

    /** The text of a pack shipped in the jar. */
    public static String builtinText(String resource) {
        try (InputStream in = RulePackLoader.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("built-in rule pack " + resource + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Rule> readPack(String packName, MappingReader root) {
        if (!root.has("rules")) {
            root.problem(
                    "rules",
                    root.has("groups")
                            ? "required; this looks like a Prometheus rule file (groups:), write the rules under a top-level rules: list"
                            : "required: a list of rules");
        }
        List<Rule> rules = new ArrayList<>();
        Map<RuleName, SourceLocation> names = new HashMap<>();
        root.mappingList("rules", entry -> readRule(packName, entry)).forEach(rule -> {
            SourceLocation earlier =
                    names.putIfAbsent(rule.name(), rule.origin().rule());
            if (earlier == null) {
                rules.add(rule);
            } else {
                root.problems()
                        .add(
                                rule.origin().rule(),
                                rule.origin().path() + ".name",
                                "another rule is already named \"" + rule.name() + "\" (" + earlier + ")");
            }
        });
        if (root.has("rules") && rules.isEmpty() && root.problems().isEmpty()) {
            root.problem("rules", "the list is empty; a pack needs at least one rule");
        }
        root.finish();
        return rules;
    }

    private static Optional<Rule> readRule(String packName, MappingReader rule) {
        Optional<RuleName> name = rule.required("name", RuleName::new);
        Optional<Signal> signal = rule.required("signal", ValueParsers.oneOf(Signal.class));
        Optional<RuleDirection> direction = rule.required("direction", ValueParsers.oneOf(RuleDirection.class));
        Optional<String> expr = rule.required("expr", ValueParsers.text());
        Optional<Threshold> threshold = readThreshold(rule);
        Duration forDuration = rule.optional("for", ValueParsers.duration(Duration.ZERO, LONGEST_FOR), Duration.ZERO);
        expr.flatMap(TopLevelComparison::in)
                .ifPresent(found -> rule.problem("expr", TopLevelComparison.problem(found)));
        Duration keepFiringFor = keepFiringFor(rule);
        SummaryTemplate summary =
                rule.optional("summary", SummaryTemplate::parse, SummaryTemplate.parse("value {{ value }}"));
        Optional<PolicyKind> sizing = rule.optional("sizing", ValueParsers.oneOf(PolicyKind.class));
        rule.finish();
        if (name.isEmpty() || signal.isEmpty() || direction.isEmpty() || expr.isEmpty() || threshold.isEmpty()) {
            return Optional.empty();
        }
        RuleOrigin origin = new RuleOrigin(packName, rule.path(), rule.location(), rule.locationOf("expr"));
        return rule.build(() -> new Rule(
                name.get(),
                signal.get(),
                direction.get(),
                expr.get().strip(),
                threshold.get(),
                forDuration,
                keepFiringFor,
                summary,
                sizing,
                origin));
    }

    /** {@code keepFiringFor}, or Prometheus' spelling {@code keep_firing_for}, so a rule copied over keeps it. */
    private static Duration keepFiringFor(MappingReader rule) {
        String key = "keepFiringFor";
        if (rule.has(PROMETHEUS_KEEP_FIRING_FOR)) {
            if (rule.has(key)) {
                rule.problem(
                        PROMETHEUS_KEEP_FIRING_FOR,
                        "keep_firing_for is Prometheus' spelling of keepFiringFor; set one of them, not both");
                return Duration.ZERO;
            }
            key = PROMETHEUS_KEEP_FIRING_FOR;
        }
        return rule.optional(key, ValueParsers.duration(Duration.ZERO, LONGEST_FOR), Duration.ZERO);
    }

    private static Optional<Threshold> readThreshold(MappingReader rule) {
        boolean above = rule.has("above");
        boolean below = rule.has("below");
        if (above == below) {
            rule.problem(
                    above ? "below" : "above",
                    above
                            ? "set either above or below, not both"
                            : "required: above (fire on high values) or below (fire on low values)");
            rule.has("clear");
            return Optional.empty();
        }
        Threshold.Comparison comparison = above ? Threshold.Comparison.ABOVE : Threshold.Comparison.BELOW;
        Optional<Double> fire = rule.required(comparison.spelling(), ValueParsers.finiteNumber());
        Optional<Double> clear = rule.optional("clear", ValueParsers.finiteNumber());
        if (fire.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Threshold(comparison, fire.get(), clear.orElse(fire.get())));
        } catch (IllegalArgumentException e) {
            rule.problem("clear", e.getMessage());
            return Optional.empty();
        }
    }
}
