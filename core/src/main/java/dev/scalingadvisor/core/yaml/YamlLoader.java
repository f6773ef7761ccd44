package dev.scalingadvisor.core.yaml;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads one YAML document into a {@link YamlNode} tree. Everything that can go wrong with the file
 * itself (missing, unreadable, empty, a syntax error, several documents, a duplicate key, an unset
 * environment variable) becomes a {@link Problem} with its location; nothing is thrown.
 */
public final class YamlLoader {

    /** Deeper than any sane configuration; stops recursive aliases from recursing forever. */
    private static final int MAX_DEPTH = 64;
    /**
     * The most nodes a document may expand to. Aliases are shared when composed but copied here, so 24 levels of
     * {@code aN: &aN [*aN-1, *aN-1]} (under 1 KB) would become 2^24 nodes and exhaust the heap; a real
     * configuration or rule pack has a few thousand.
     */
    static final int MAX_NODES = 100_000;

    private final Optional<EnvironmentInterpolation> interpolation;

    private YamlLoader(Optional<EnvironmentInterpolation> interpolation) {
        this.interpolation = interpolation;
    }

    /** A loader that replaces {@code ${VAR}} in values (configuration files). */
    public static YamlLoader withInterpolation(EnvironmentInterpolation interpolation) {
        return new YamlLoader(Optional.of(interpolation));
    }

    /** A loader that keeps values as written (rule packs, like Prometheus rule files). */
    public static YamlLoader verbatim() {
        return new YamlLoader(Optional.empty());
    }

    /** Loads a file; the file name in locations is the path as given, which is what the user typed. */
    public Optional<YamlNode> load(Path file, Problems problems) {
        String name = file.toString();
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            problems.add(SourceLocation.wholeFile(name), "", "file not found");
            return Optional.empty();
        } catch (CharacterCodingException e) {
            problems.add(SourceLocation.wholeFile(name), "", "not a UTF-8 text file");
            return Optional.empty();
        } catch (IOException e) {
            problems.add(SourceLocation.wholeFile(name), "", "cannot read the file: " + describe(e));
            return Optional.empty();
        }
        return load(name, text, problems);
    }

    /** Loads text that came from elsewhere (a resource in the jar); {@code name} is used in locations. */
    public Optional<YamlNode> load(String name, String text, Problems problems) {
        List<Node> documents = new ArrayList<>();
        try (Reader reader = new StringReader(text)) {
            Iterator<Node> all = new Yaml(loaderOptions()).composeAll(reader).iterator();
            while (all.hasNext()) {
                documents.add(all.next());
            }
        } catch (MarkedYAMLException e) {
            problems.add(at(name, e.getProblemMark()), "", "YAML syntax error: " + syntaxMessage(e));
            return Optional.empty();
        } catch (YAMLException | IOException e) {
            problems.add(SourceLocation.wholeFile(name), "", "YAML syntax error: " + e.getMessage());
            return Optional.empty();
        }
        if (documents.isEmpty() || isNullScalar(documents.get(0)) && documents.size() == 1) {
            problems.add(SourceLocation.wholeFile(name), "", "the file is empty");
            return Optional.empty();
        }
        if (documents.size() > 1) {
            problems.add(
                    at(name, documents.get(1).getStartMark()),
                    "",
                    "expected one YAML document, found " + documents.size() + " (remove the \"---\" separators)");
            return Optional.empty();
        }
        return Optional.of(convert(name, documents.get(0), "", 0, problems, new int[] {0}));
    }

    /** @param expanded how many nodes this document has expanded to so far */
    private YamlNode convert(String file, Node node, String path, int depth, Problems problems, int[] expanded) {
        SourceLocation location = at(file, node.getStartMark());
        if (++expanded[0] > MAX_NODES) {
            if (expanded[0] == MAX_NODES + 1) {
                problems.add(
                        location,
                        path,
                        "the document expands to more than " + MAX_NODES
                                + " values (aliases that repeat aliases?); write it out or shorten it");
            }
            return new YamlNode.Scalar(location, "", true);
        }
        if (depth > MAX_DEPTH) {
            problems.add(location, path, "nested too deeply (a recursive alias?)");
            return new YamlNode.Scalar(location, "", true);
        }
        if (node instanceof MappingNode mapping) {
            return convertMapping(file, mapping, location, path, depth, problems, expanded);
        }
        if (node instanceof SequenceNode sequence) {
            List<YamlNode> items = new ArrayList<>();
            for (int i = 0; i < sequence.getValue().size(); i++) {
                items.add(
                        convert(file, sequence.getValue().get(i), path + "[" + i + "]", depth + 1, problems, expanded));
            }
            return new YamlNode.Sequence(location, items);
        }
        ScalarNode scalar = (ScalarNode) node;
        if (isNullScalar(scalar)) {
            return new YamlNode.Scalar(location, "", true);
        }
        String written = scalar.getValue();
        return new YamlNode.Scalar(
                location,
                interpolate(written, location, path, problems),
                false,
                interpolation.isPresent() && EnvironmentInterpolation.refersToVariable(written));
    }

    private YamlNode convertMapping(
            String file,
            MappingNode mapping,
            SourceLocation location,
            String path,
            int depth,
            Problems problems,
            int[] expanded) {
        List<YamlNode.Entry> entries = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (NodeTuple tuple : mapping.getValue()) {
            SourceLocation keyLocation = at(file, tuple.getKeyNode().getStartMark());
            if (!(tuple.getKeyNode() instanceof ScalarNode keyNode) || isNullScalar(keyNode)) {
                problems.add(keyLocation, path, "a key must be a plain name");
                continue;
            }
            if (keyNode.getTag().equals(Tag.MERGE)) {
                problems.add(keyLocation, path, "merge keys (<<) are not supported; write the keys out");
                continue;
            }
            String key = keyNode.getValue();
            String childPath = path.isEmpty() ? key : path + "." + key;
            if (!seen.add(key)) {
                problems.add(keyLocation, childPath, "duplicate key (each key may appear once)");
                continue;
            }
            YamlNode value = convert(file, tuple.getValueNode(), childPath, depth + 1, problems, expanded);
            entries.add(new YamlNode.Entry(new YamlNode.Scalar(keyLocation, key, false), value));
        }
        return new YamlNode.Mapping(location, entries);
    }

    private String interpolate(String text, SourceLocation location, String path, Problems problems) {
        if (interpolation.isEmpty()) {
            return text;
        }
        try {
            return interpolation.get().apply(text);
        } catch (IllegalArgumentException e) {
            problems.add(location, path, e.getMessage());
            return text;
        }
    }

    private static boolean isNullScalar(Node node) {
        return node instanceof ScalarNode && node.getTag().equals(Tag.NULL);
    }

    private static LoaderOptions loaderOptions() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(true); // we report duplicates ourselves, with their location
        options.setMaxAliasesForCollections(50);
        options.setAllowRecursiveKeys(false);
        return options;
    }

    private static SourceLocation at(String file, Mark mark) {
        return mark == null
                ? SourceLocation.wholeFile(file)
                : new SourceLocation(file, mark.getLine() + 1, mark.getColumn() + 1);
    }

    /** SnakeYAML's problem text without its own context and file excerpt, which our location replaces. */
    private static String syntaxMessage(MarkedYAMLException e) {
        String problem =
                e.getProblem() == null ? "malformed YAML" : e.getProblem().trim();
        String context = e.getContext() == null ? "" : " (" + e.getContext().trim() + ")";
        return problem + context;
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
