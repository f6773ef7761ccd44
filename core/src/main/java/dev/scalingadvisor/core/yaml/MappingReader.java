package dev.scalingadvisor.core.yaml;

import dev.scalingadvisor.core.secret.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Reads the fields of one YAML mapping into typed values. Every problem (missing, wrong type, out of
 * range, unknown key) is added to a shared {@link Problems} with its location and path, and reading
 * goes on, so one pass reports all of them. {@link #finish()} reports the keys nobody asked for: a
 * typo must never be silently ignored.
 */
public final class MappingReader {

    private final YamlNode.Mapping mapping;
    private final String path;
    private final Problems problems;
    private final Path baseDirectory;
    private final Set<String> known = new LinkedHashSet<>();

    private MappingReader(YamlNode.Mapping mapping, String path, Problems problems, Path baseDirectory) {
        this.mapping = mapping;
        this.path = path;
        this.problems = problems;
        this.baseDirectory = baseDirectory;
    }

    /**
     * A reader for {@code node}, or empty (with a problem added) when it is not a mapping.
     *
     * @param baseDirectory relative file paths in the document are resolved against it (the document's own directory)
     */
    public static Optional<MappingReader> of(YamlNode node, String path, Problems problems, Path baseDirectory) {
        if (node instanceof YamlNode.Mapping m) {
            return Optional.of(new MappingReader(m, path, problems, baseDirectory));
        }
        problems.add(node.location(), path, "expected a mapping of keys to values, got " + node.kind());
        return Optional.empty();
    }

    /** A reader for a nested node, sharing this reader's problems and base directory. */
    public Optional<MappingReader> child(YamlNode node, String childPath) {
        return of(node, childPath, problems, baseDirectory);
    }

    public String path() {
        return path;
    }

    public SourceLocation location() {
        return mapping.location();
    }

    public Problems problems() {
        return problems;
    }

    /** The path of a field of this mapping: {@code notifiers[1]} + {@code url} is {@code notifiers[1].url}. */
    public String pathOf(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** Where a field's value was written, or where this mapping starts when the field is absent. */
    public SourceLocation locationOf(String key) {
        return mapping.entry(key).map(e -> e.value().location()).orElse(mapping.location());
    }

    /** Whether the field is present with a non-empty value; also declares the key as known. */
    public boolean has(String key) {
        known.add(key);
        return mapping.entry(key)
                .map(e -> !(e.value() instanceof YamlNode.Scalar s && s.isNull()))
                .orElse(false);
    }

    /** Whether the field is present and holds a single value (not a mapping or a list). */
    public boolean isScalar(String key) {
        return has(key)
                && mapping.entry(key)
                        .map(e -> e.value() instanceof YamlNode.Scalar)
                        .orElse(false);
    }

    /** Records a problem with a field, at the field's location. */
    public void problem(String key, String message) {
        problems.add(locationOf(key), pathOf(key), message);
    }

    /** Records a problem with this mapping as a whole. */
    public void problem(String message) {
        problems.add(mapping.location(), path, message);
    }

    public <T> Optional<T> optional(String key, ValueParser<T> parser) {
        return scalar(key).flatMap(s -> parse(key, s, parser));
    }

    public <T> T optional(String key, ValueParser<T> parser, T fallback) {
        return optional(key, parser).orElse(fallback);
    }

    public <T> Optional<T> required(String key, ValueParser<T> parser) {
        if (!has(key)) {
            problem(key, "required" + (mapping.entry(key).isPresent() ? " but empty" : ""));
            return Optional.empty();
        }
        return optional(key, parser);
    }

    /** A nested mapping, if present. */
    public Optional<MappingReader> mapping(String key) {
        return node(key).flatMap(n -> of(n, pathOf(key), problems, baseDirectory));
    }

    /** A nested mapping that must be present. */
    public Optional<MappingReader> requiredMapping(String key) {
        if (!has(key)) {
            problem(key, "required");
            return Optional.empty();
        }
        return mapping(key);
    }

    /** A list whose elements {@code element} reads; absent is an empty list. Elements that fail are left out. */
    public <T> List<T> list(String key, ListElementReader<T> element) {
        Optional<YamlNode> node = node(key);
        if (node.isEmpty()) {
            return List.of();
        }
        if (!(node.get() instanceof YamlNode.Sequence sequence)) {
            problem(key, "expected a list, got " + node.get().kind());
            return List.of();
        }
        List<T> result = new ArrayList<>();
        for (int i = 0; i < sequence.items().size(); i++) {
            element.read(sequence.items().get(i), pathOf(key) + "[" + i + "]", this)
                    .ifPresent(result::add);
        }
        return result;
    }

    /** A list of mappings, each read by {@code element}. */
    public <T> List<T> mappingList(String key, MappingElementReader<T> element) {
        return list(
                key,
                (node, elementPath, parent) ->
                        of(node, elementPath, problems, baseDirectory).flatMap(element::read));
    }

    /** A list of plain values; a single value is accepted as a list of one. */
    public <T> List<T> valueList(String key, ValueParser<T> parser) {
        Optional<YamlNode> node = node(key);
        if (node.isPresent() && node.get() instanceof YamlNode.Scalar s) {
            return parse(key, s, parser).map(List::of).orElse(List.of());
        }
        return list(key, (item, itemPath, parent) -> {
            if (item instanceof YamlNode.Scalar s && !s.isNull()) {
                return parseAt(itemPath, s, parser);
            }
            problems.add(item.location(), itemPath, "expected a value, got " + item.kind());
            return Optional.empty();
        });
    }

    /** A mapping of names to values, such as HTTP headers; keys keep their file order. */
    public <T> Map<String, T> valueMap(String key, ValueParser<T> parser) {
        Map<String, T> result = new LinkedHashMap<>();
        mapping(key).ifPresent(inner -> {
            for (YamlNode.Entry entry : inner.mapping.entries()) {
                String name = entry.key().text();
                inner.scalar(name).flatMap(s -> inner.parse(name, s, parser)).ifPresent(v -> result.put(name, v));
            }
        });
        return result;
    }

    /**
     * A secret given inline as {@code key} or as {@code keyFile}, a file holding it (as systemd credentials
     * and Docker secrets provide). Messages never contain the value. Trailing whitespace is removed from a file's
     * content ({@code echo secret > file} writes a newline, editors add more); a control character anywhere else is
     * refused here, where {@code check} reports it with its location, not later by an HTTP client on every call.
     */
    public Optional<Secret> secret(String key) {
        String fileKey = key + "File";
        boolean inline = has(key);
        boolean fromFile = has(fileKey);
        if (inline && fromFile) {
            problem(fileKey, "set either " + key + " or " + fileKey + ", not both");
            return Optional.empty();
        }
        if (inline) {
            Optional<YamlNode.Scalar> written = scalar(key);
            written.filter(s -> !s.fromEnvironment()).ifPresent(s -> warnIfOthersCanRead(key, s.location(), fileKey));
            return written.flatMap(
                    s -> s.text().isEmpty() ? fail(key, "must not be empty") : checkedSecret(key, s.text()));
        }
        if (fromFile) {
            return optional(fileKey, ValueParsers.text()).flatMap(p -> readSecretFile(fileKey, resolve(p)));
        }
        return Optional.empty();
    }

    /** A file path, relative ones taken from the directory of the document that names them. */
    public Optional<Path> path(String key) {
        return optional(key, ValueParsers.text()).map(this::resolve);
    }

    /** Builds a value whose constructor checks invariants; a violated invariant becomes a problem here. */
    public <T> Optional<T> build(Supplier<T> constructor) {
        try {
            return Optional.of(constructor.get());
        } catch (IllegalArgumentException e) {
            problem(e.getMessage());
            return Optional.empty();
        }
    }

    /** Reports every key of this mapping that no read asked for, with a suggestion when one is close. */
    public void finish() {
        for (YamlNode.Entry entry : mapping.entries()) {
            String key = entry.key().text();
            if (!known.contains(key)) {
                problems.add(entry.key().location(), pathOf(key), "unknown key" + suggestion(key));
            }
        }
    }

    private Optional<YamlNode> node(String key) {
        if (!has(key)) {
            return Optional.empty();
        }
        return mapping.entry(key).map(YamlNode.Entry::value);
    }

    private Optional<YamlNode.Scalar> scalar(String key) {
        Optional<YamlNode> node = node(key);
        if (node.isEmpty()) {
            return Optional.empty();
        }
        if (node.get() instanceof YamlNode.Scalar s) {
            return Optional.of(s);
        }
        problem(key, "expected a single value, got " + node.get().kind());
        return Optional.empty();
    }

    private <T> Optional<T> parse(String key, YamlNode.Scalar scalar, ValueParser<T> parser) {
        return parseAt(pathOf(key), scalar, parser);
    }

    private <T> Optional<T> parseAt(String fieldPath, YamlNode.Scalar scalar, ValueParser<T> parser) {
        try {
            return Optional.of(parser.parse(scalar.text()));
        } catch (IllegalArgumentException e) {
            problems.add(scalar.location(), fieldPath, e.getMessage());
            return Optional.empty();
        }
    }

    private <T> Optional<T> fail(String key, String message) {
        problem(key, message);
        return Optional.empty();
    }

    /** A file path as written in the document: relative ones are taken from the document's directory. */
    public Path resolve(String text) {
        Path p = Path.of(text);
        return p.isAbsolute() || baseDirectory == null
                ? p
                : baseDirectory.resolve(p).normalize();
    }

    private Optional<Secret> readSecretFile(String fileKey, Path file) {
        String content;
        try {
            content = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return fail(fileKey, "secret file " + file + " does not exist");
        } catch (IOException e) {
            return fail(
                    fileKey,
                    "cannot read secret file " + file + ": " + e.getClass().getSimpleName());
        }
        content = content.stripTrailing();
        if (content.isEmpty()) {
            return fail(fileKey, "secret file " + file + " is empty");
        }
        return checkedSecret(fileKey, content);
    }

    /**
     * A secret written in a file every user of the machine may read is everybody's secret. Valid all the same (a
     * test machine, a file about to be locked down), so a warning, not a problem.
     */
    private void warnIfOthersCanRead(String key, SourceLocation location, String fileKey) {
        Path file = Path.of(location.file());
        Set<PosixFilePermission> permissions;
        try {
            permissions = Files.getPosixFilePermissions(file);
        } catch (IOException | UnsupportedOperationException e) {
            return; // not a file (a document from the jar), or a file system without owners and modes
        }
        if (permissions.contains(PosixFilePermission.OTHERS_READ)) {
            problems.warn(
                    location,
                    pathOf(key),
                    "a secret written in a file every user of this machine can read ("
                            + PosixFilePermissions.toString(permissions) + "); give it as ${VARIABLE} from the"
                            + " environment or as " + fileKey + " (a file only the advisor reads), or chmod 600 "
                            + file);
        }
    }

    /** A secret goes into HTTP headers and URLs: no control characters (value not shown, only where). */
    private Optional<Secret> checkedSecret(String key, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c)) {
                return fail(
                        key,
                        "the secret contains a control character (U+" + String.format("%04X", (int) c)
                                + ") at position " + (i + 1) + " of " + value.length()
                                + "; a token, password or URL has none (value not shown)");
            }
        }
        return Optional.of(Secret.of(value));
    }

    private String suggestion(String unknown) {
        return known.stream()
                .filter(k -> k.equalsIgnoreCase(unknown)
                        || editDistance(k.toLowerCase(Locale.ROOT), unknown.toLowerCase(Locale.ROOT)) <= 2)
                .min(Comparator.comparingInt(k -> editDistance(k, unknown)))
                .map(k -> " (did you mean \"" + k + "\"?)")
                .orElseGet(() -> known.isEmpty() ? "" : " (known keys here: " + String.join(", ", known) + ")");
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    /** Reads one list element of any shape. */
    @FunctionalInterface
    public interface ListElementReader<T> {
        Optional<T> read(YamlNode node, String path, MappingReader parent);
    }

    /** Reads one list element that must be a mapping. */
    @FunctionalInterface
    public interface MappingElementReader<T> {
        Optional<T> read(MappingReader element);
    }
}
