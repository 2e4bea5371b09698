package io.dolphincluster.runtime.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The lines of a seed-style {@code key=value} file ({@code controller.cfg}, {@code cluster.cfg},
 * {@code agent.cfg}): blank lines and {@code #} comments are skipped, white space around keys and
 * values is trimmed. A line without {@code =}, an empty key, or a key given twice is a problem;
 * problems are collected (see {@link #problems()}) so that they are reported together with bad
 * values.
 *
 * <p>A value may name environment variables as {@code ${NAME}}; they are expanded when the file is
 * read, so one file can serve every pod of a StatefulSet ({@code
 * localSite=${POD_NAME}.dolphin-controller:8900:${POD_NAME}}). A variable that is not set is a
 * problem, never an empty string.
 */
public final class ConfigFile {

    /** One {@code key=value} line, with its line number for error messages. */
    public record Entry(int line, String key, String value) {}

    private final Path path;
    private final Map<String, Entry> entries;
    private final List<ConfigProblem> problems;

    private ConfigFile(Path path, Map<String, Entry> entries, List<ConfigProblem> problems) {
        this.path = path;
        this.entries = entries;
        this.problems = List.copyOf(problems);
    }

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    public static ConfigFile read(Path path) throws ConfigException {
        return parse(path, readLines(path), System.getenv());
    }

    /**
     * The lines of a UTF-8 config file; a file that cannot be read is a {@link ConfigProblem} too.
     */
    static List<String> readLines(Path path) throws ConfigException {
        try {
            return Files.readAllLines(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(
                    new ConfigProblem(path, 0, null, "a readable file", e.toString()));
        }
    }

    static ConfigFile parse(Path path, List<String> lines) {
        return parse(path, lines, Map.of());
    }

    static ConfigFile parse(Path path, List<String> lines, Map<String, String> environment) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        List<ConfigProblem> problems = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            int lineNumber = i + 1;
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            int equals = line.indexOf('=');
            if (equals <= 0) {
                problems.add(
                        new ConfigProblem(
                                path, lineNumber, null, "a line of the form key=value", line));
                continue;
            }
            String key = line.substring(0, equals).strip();
            String value =
                    expand(
                            line.substring(equals + 1).strip(),
                            environment,
                            path,
                            lineNumber,
                            key,
                            problems);
            Entry previous = entries.putIfAbsent(key, new Entry(lineNumber, key, value));
            if (previous != null) {
                problems.add(
                        new ConfigProblem(
                                path,
                                lineNumber,
                                key,
                                "each key once (already set on line " + previous.line() + ")",
                                value));
            }
        }
        return new ConfigFile(path, entries, problems);
    }

    private static String expand(
            String value,
            Map<String, String> environment,
            Path path,
            int line,
            String key,
            List<ConfigProblem> problems) {
        Matcher matcher = VARIABLE.matcher(value);
        StringBuilder expanded = new StringBuilder();
        while (matcher.find()) {
            String replacement = environment.get(matcher.group(1));
            if (replacement == null) {
                problems.add(
                        new ConfigProblem(
                                path,
                                line,
                                key,
                                "environment variable " + matcher.group(1) + " to be set",
                                value));
                replacement = matcher.group();
            }
            matcher.appendReplacement(expanded, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(expanded);
        return expanded.toString();
    }

    public Path path() {
        return path;
    }

    public Map<String, Entry> entries() {
        return entries;
    }

    /** Lines that could not be read as {@code key=value}, or that repeat a key. */
    public List<ConfigProblem> problems() {
        return problems;
    }
}
