package io.dolphincluster.runtime.config;

import java.nio.file.Path;

/**
 * One thing wrong in a config file, located precisely enough to fix it without reading code: {@code
 * config/controller.cfg:4: dfsReplicationFactor: expected an integer from 1 to 16, got 'two'}.
 *
 * @param key the key concerned, or {@code null} when the line could not be split into one
 * @param actual the offending text, or {@code null} when a value is missing
 */
public record ConfigProblem(Path file, int line, String key, String expected, String actual) {

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder().append(file);
        if (line > 0) text.append(':').append(line);
        text.append(": ");
        if (key != null) text.append(key).append(": ");
        text.append("expected ").append(expected);
        if (actual != null) text.append(", got '").append(actual).append('\'');
        return text.toString();
    }
}
