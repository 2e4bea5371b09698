package io.dolphincluster.runtime.metrics;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text format (0.0.4), for tests: every line must be a {@code #
 * HELP}, a {@code # TYPE} with a known type, or a sample {@code name{labels} value} whose family
 * was typed before it; names and label names must be valid, label values properly escaped, values
 * numbers; a family is typed and described at most once, before its samples, which come together;
 * no two samples have the same name and labels; a counter is never negative or NaN; a histogram's
 * series each have {@code _bucket}s with numeric {@code le} whose counts never decrease, a {@code
 * +Inf} bucket equal to {@code _count}, and a {@code _sum}; the text ends with a newline. Anything
 * else throws, naming the line (or the series).
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
        if (!text.isEmpty() && !text.endsWith("\n"))
            throw new IllegalArgumentException("the last line does not end with a newline");
        Map<String, String> types = new HashMap<>();
        Set<String> described = new HashSet<>();
        Set<String> sampled = new HashSet<>();
        String current = null;
        Map<String, Sample> samples = new LinkedHashMap<>();
        int number = 0;
        for (String line : text.split("\n", -1)) {
            number++;
            if (line.isEmpty()) continue;
            if (line.startsWith("# HELP ")) {
                String[] parts = line.substring(7).split(" ", 2);
                requireName(parts[0], number, line);
                if (!described.add(parts[0])) fail(number, line, "family described twice");
                if (sampled.contains(parts[0])) fail(number, line, "HELP after the samples");
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
            String family = familyOf(name, types);
            if (family == null) fail(number, line, "sample before its # TYPE line");
            if (!family.equals(current) && !sampled.add(family))
                fail(number, line, "the samples of " + family + " are not together");
            current = family;
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
            if ("counter".equals(types.get(family)) && !(value >= 0))
                fail(number, line, "a counter is negative or NaN");
            String key = name + (labels.isEmpty() ? "" : new TreeMap<>(labels).toString());
            if (samples.put(key, new Sample(name, labels, value)) != null)
                fail(number, line, "duplicate sample");
        }
        types.forEach(
                (family, type) -> {
                    if (type.equals("histogram")) checkHistogram(family, samples.values());
                });
        return new Parsed(types, samples);
    }

    /** Each series of the histogram {@code family}: buckets cumulative, +Inf = count, a sum. */
    private static void checkHistogram(String family, Collection<Sample> samples) {
        Map<Map<String, String>, TreeMap<Double, Double>> buckets = new HashMap<>();
        Map<Map<String, String>, Double> counts = new HashMap<>();
        Set<Map<String, String>> sums = new HashSet<>();
        for (Sample sample : samples) {
            Map<String, String> series = new TreeMap<>(sample.labels());
            if (sample.name().equals(family + "_bucket")) {
                String le = series.remove("le");
                if (le == null)
                    throw new IllegalArgumentException(family + ": a bucket without le");
                double bound = parseValue(le, 0, sample.toString());
                buckets.computeIfAbsent(series, k -> new TreeMap<>()).put(bound, sample.value());
            } else if (sample.name().equals(family + "_count")) {
                counts.put(series, sample.value());
            } else if (sample.name().equals(family + "_sum")) {
                sums.add(series);
            }
        }
        Set<Map<String, String>> all = new HashSet<>(buckets.keySet());
        all.addAll(counts.keySet());
        all.addAll(sums);
        for (Map<String, String> series : all) {
            TreeMap<Double, Double> cumulative = buckets.getOrDefault(series, new TreeMap<>());
            double previous = 0;
            for (double count : cumulative.values()) {
                if (count < previous)
                    throw new IllegalArgumentException(
                            family + series + ": bucket counts decrease: " + cumulative);
                previous = count;
            }
            Double infinity = cumulative.get(Double.POSITIVE_INFINITY);
            if (infinity == null || !infinity.equals(counts.get(series)))
                throw new IllegalArgumentException(
                        family
                                + series
                                + ": the +Inf bucket "
                                + infinity
                                + " is not the count "
                                + counts.get(series));
            if (!sums.contains(series))
                throw new IllegalArgumentException(family + series + ": no _sum");
        }
    }

    /** What {@link #parse} read. */
    public record Parsed(Map<String, String> types, Map<String, Sample> samples) {
        /**
         * The value of the one sample named {@code name} whose labels include {@code labels};
         * throws when none or several.
         */
        public double value(String name, String... labels) {
            Map<String, String> wanted = new LinkedHashMap<>();
            for (int i = 0; i + 1 < labels.length; i += 2) wanted.put(labels[i], labels[i + 1]);
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
