package io.dolphincluster.runtime.replication;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A scenario file: scenarios separated by lines {@code scenario: NAME}; {@code #} starts a comment;
 * a line indented by two spaces is an expected effect of the unindented line before it.
 */
record ScenarioFile(String name, List<Scenario> scenarios) {

    /** One unindented line (a setup line or an event) and the effects expected after it. */
    record Step(int lineNumber, String[] words, List<String> expected) {
        String word(int i) {
            if (i >= words.length)
                throw new IllegalArgumentException(
                        "line " + lineNumber + ": missing word " + (i + 1));
            return words[i];
        }

        String from(int i) {
            return String.join(
                    " ",
                    java.util.Arrays.copyOfRange(words, Math.min(i, words.length), words.length));
        }
    }

    record Scenario(String file, String name, List<Step> steps) {}

    static ScenarioFile load(String name) throws IOException {
        try (InputStream in = ScenarioFile.class.getResourceAsStream("/replication/" + name)) {
            if (in == null) throw new IOException("no scenario file " + name);
            List<String> lines =
                    new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            List<Scenario> scenarios = new ArrayList<>();
            List<Step> steps = null;
            for (int i = 0; i < lines.size(); i++) {
                String raw = lines.get(i);
                int hash = raw.indexOf('#');
                String line = (hash >= 0 ? raw.substring(0, hash) : raw).stripTrailing();
                if (line.isBlank()) continue;
                if (line.startsWith("scenario:")) {
                    steps = new ArrayList<>();
                    scenarios.add(
                            new Scenario(name, line.substring("scenario:".length()).trim(), steps));
                } else if (steps == null) {
                    throw new IOException(
                            name + ":" + (i + 1) + ": a line before the first scenario");
                } else if (line.startsWith("  ")) {
                    if (steps.isEmpty())
                        throw new IOException(
                                name + ":" + (i + 1) + ": an effect before any event");
                    steps.get(steps.size() - 1).expected().add(line.trim());
                } else {
                    steps.add(new Step(i + 1, line.trim().split("\\s+"), new ArrayList<>()));
                }
            }
            return new ScenarioFile(name, scenarios);
        }
    }
}
