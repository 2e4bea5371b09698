package io.dolphincluster.runtime.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads typed values out of a {@link ConfigFile}, collecting every problem instead of stopping at
 * the first, so one run of the program tells an operator everything that is wrong with a file. Keys
 * the reader was never asked about are reported by {@link #finish()} as warnings, not errors.
 */
public final class KeyReader {
    private static final Logger log = LoggerFactory.getLogger(KeyReader.class);

    private final ConfigFile file;
    private final Set<String> known = new HashSet<>();
    private final List<ConfigProblem> problems = new ArrayList<>();

    public KeyReader(ConfigFile file) {
        this.file = file;
        this.problems.addAll(file.problems());
    }

    /**
     * The value of a key that must be present; a missing or bad value is recorded and {@code null}
     * returned.
     */
    public <T> T required(String key, ValueParser<T> parser) {
        known.add(key);
        ConfigFile.Entry entry = file.entries().get(key);
        if (entry == null) {
            problems.add(
                    new ConfigProblem(
                            file.path(),
                            0,
                            key,
                            "this key to be set, as " + parser.expected(),
                            null));
            return null;
        }
        return parse(entry, parser);
    }

    /** The value of a key, or {@code fallback} when it is absent; a bad value is recorded. */
    public <T> T optional(String key, ValueParser<T> parser, T fallback) {
        known.add(key);
        ConfigFile.Entry entry = file.entries().get(key);
        if (entry == null) return fallback;
        T value = parse(entry, parser);
        return value == null ? fallback : value;
    }

    /** The file being read. */
    public java.nio.file.Path path() {
        return file.path();
    }

    /** Whether the key is set at all. */
    public boolean has(String key) {
        return file.entries().containsKey(key);
    }

    /** Declares keys this file may hold that the runtime accepts but does not use yet. */
    public void accept(String... keys) {
        known.addAll(List.of(keys));
    }

    /**
     * Whether every key named is absent or holds a good value, so cross-checks between them make
     * sense.
     */
    public boolean valid(String... keys) {
        for (String key : keys) {
            if (problems.stream().anyMatch(p -> key.equals(p.key()))) return false;
        }
        return true;
    }

    /** Records a problem found by cross-checking values. */
    public void problem(String key, String expected, String actual) {
        ConfigFile.Entry entry = file.entries().get(key);
        problems.add(
                new ConfigProblem(
                        file.path(), entry == null ? 0 : entry.line(), key, expected, actual));
    }

    /** Warns about unknown keys and throws if any value was bad. */
    public void finish() throws ConfigException {
        for (ConfigFile.Entry entry : file.entries().values()) {
            if (!known.contains(entry.key())) {
                log.warn("{}:{}: unknown key '{}' ignored", file.path(), entry.line(), entry.key());
            }
        }
        if (!problems.isEmpty()) throw new ConfigException(problems);
    }

    private <T> T parse(ConfigFile.Entry entry, ValueParser<T> parser) {
        try {
            return parser.apply(entry.value());
        } catch (IllegalArgumentException e) {
            problems.add(
                    new ConfigProblem(
                            file.path(), entry.line(), entry.key(), e.getMessage(), entry.value()));
            return null;
        }
    }
}
