package io.dolphincluster.runtime.metrics;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text format (0.0.4), for tests: every line must be a {@code #
 * HELP}, a {@code # TYPE} with a known type, or a sample {@code name{labels} value} whose family
 * was typed before it; names and label names must be valid, label values properly escaped, values
 * numbers. Anything else throws, naming the line.
 */
public final class PrometheusTextParser {
    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern SAMPLE =
            Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)\\})? (\\S+)( -?\\d+)?");
    private static final Pattern LABEL =
            Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\[\\\\\"n])*)\"(,|$)");
    private static final Set<String> TYPES =
            Set.of("counter", "gauge", "histogram", "summary", "untyped");

    /** One sample: its metric name, labels and value. */
    public record Sample(String name, Map<String, String> labels, double value) {}

    private PrometheusTextParser() {}

    /**
     * Every sample keyed by {@code name{k="v",...}} (labels in their written order), with the
     * family types.
     */
    public static Parsed parse(String text) {
        Map<String, String> types = new HashMap<>();
        Map<String, Sample> samples = new LinkedHashMap<>();
        int number = 0;
        for (String line : text.split("\n", -1)) {
            number++;
            if (line.isEmpty()) continue;
            if (line.startsWith("# HELP ")) {
                String[] parts = line.substring(7).split(" ", 2);
                requireName(parts[0], number, line);
                continue;
            }
            if (line.startsWith("# TYPE ")) {
                String[] parts = line.substring(7).split(" ");
                if (parts.length != 2 || !TYPES.contains(parts[1]))
                    fail(number, line, "bad TYPE line");
                requireName(parts[0], number, line);
                if (types.put(parts[0], parts[1]) != null) fail(number, line, "family typed twice");
                continue;
            }
            if (line.startsWith("#")) continue;
            Matcher sample = SAMPLE.matcher(line);
            if (!sample.matches()) fail(number, line, "not a sample");
            String name = sample.group(1);
            if (familyOf(name, types) == null) fail(number, line, "sample before its # TYPE line");
            Map<String, String> labels = new LinkedHashMap<>();
            if (sample.group(3) != null && !sample.group(3).isEmpty()) {
                Matcher label = LABEL.matcher(sample.group(3));
                int at = 0;
                while (at < sample.group(3).length()) {
                    if (!label.find(at) || label.start() != at) fail(number, line, "bad labels");
                    labels.put(
                            label.group(1),
                            label.group(2)
                                    .replace("\\n", "\n")
                                    .replace("\\\"", "\"")
                                    .replace("\\\\", "\\"));
                    at = label.end();
                }
            }
            double value = parseValue(sample.group(4), number, line);
            String key = name + (labels.isEmpty() ? "" : labels.toString());
            if (samples.put(key, new Sample(name, labels, value)) != null)
                fail(number, line, "duplicate sample");
        }
        return new Parsed(types, samples);
    }

    /** What {@link #parse} read. */
    public record Parsed(Map<String, String> types, Map<String, Sample> samples) {
        /**
         * The value of the one sample named {@code name} whose labels include {@code labels};
         * throws when none or several.
         */
        public double value(String name, String... labels) {
            Map<String, String> wanted = PrometheusText.labels(labels);
            var matches =
                    samples.values().stream()
                            .filter(
                                    s ->
                                            s.name().equals(name)
                                                    && s.labels()
                                                            .entrySet()
                                                            .containsAll(wanted.entrySet()))
                            .toList();
            if (matches.size() != 1)
                throw new AssertionError(
                        matches.size() + " samples " + name + wanted + " in " + samples.keySet());
            return matches.get(0).value();
        }

        public boolean has(String name) {
            return samples.values().stream().anyMatch(s -> s.name().equals(name));
        }
    }

    private static String familyOf(String sampleName, Map<String, String> types) {
        if (types.containsKey(sampleName)) return sampleName;
        for (String suffix : new String[] {"_bucket", "_sum", "_count"}) {
            if (sampleName.endsWith(suffix)) {
                String family = sampleName.substring(0, sampleName.length() - suffix.length());
                String type = types.get(family);
                if ("histogram".equals(type) || "summary".equals(type)) return family;
            }
        }
        return null;
    }

    private static double parseValue(String text, int number, String line) {
        switch (text) {
            case "+Inf":
                return Double.POSITIVE_INFINITY;
            case "-Inf":
                return Double.NEGATIVE_INFINITY;
            case "NaN":
                return Double.NaN;
            default:
                try {
                    return Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    fail(number, line, "value is not a number");
                    return 0;
                }
        }
    }

    private static void requireName(String name, int number, String line) {
        if (!NAME.matcher(name).matches()) fail(number, line, "bad metric name");
    }

    private static void fail(int number, String line, String why) {
        throw new IllegalArgumentException("line " + number + ": " + why + ": " + line);
    }
}
