package io.dolphincluster.runtime.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The seed's {@code cluster.nodes}: a CSV file whose header is {@code localSite,mode} and whose
 * rows name every controller, agent and datanode of the cluster. Aliases and {@code host:port}
 * pairs are unique.
 */
public record ClusterNodes(Path path, List<NodeEntry> nodes) {
    private static final String HEADER = "localSite,mode";

    public static ClusterNodes read(Path path) throws ConfigException {
        return parse(path, ConfigFile.readLines(path));
    }

    static ClusterNodes parse(Path path, List<String> lines) throws ConfigException {
        List<ConfigProblem> problems = new ArrayList<>();
        List<NodeEntry> nodes = new ArrayList<>();
        Map<String, Integer> aliasLines = new HashMap<>();
        Map<String, Integer> addressLines = new HashMap<>();
        boolean headerSeen = false;
        for (int i = 0; i < lines.size(); i++) {
            int lineNumber = i + 1;
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            if (!headerSeen) {
                headerSeen = true;
                if (!line.replace(" ", "").equalsIgnoreCase(HEADER)) {
                    problems.add(
                            new ConfigProblem(
                                    path,
                                    lineNumber,
                                    null,
                                    "the header line '" + HEADER + "'",
                                    line));
                }
                continue;
            }
            String[] columns = line.split(",", -1);
            if (columns.length != 2) {
                problems.add(
                        new ConfigProblem(
                                path,
                                lineNumber,
                                null,
                                "two columns: " + Site.FORMAT + ",mode",
                                line));
                continue;
            }
            Site site;
            NodeMode mode;
            try {
                site = Site.parse(columns[0]);
            } catch (IllegalArgumentException e) {
                problems.add(
                        new ConfigProblem(
                                path,
                                lineNumber,
                                "localSite",
                                withDetail(Site.FORMAT, e.getMessage()),
                                columns[0].strip()));
                continue;
            }
            try {
                mode = NodeMode.parse(columns[1]);
            } catch (IllegalArgumentException e) {
                problems.add(
                        new ConfigProblem(
                                path, lineNumber, "mode", e.getMessage(), columns[1].strip()));
                continue;
            }
            Integer firstAlias = aliasLines.putIfAbsent(site.alias(), lineNumber);
            Integer firstAddress = addressLines.putIfAbsent(site.hostPort(), lineNumber);
            if (firstAlias != null) {
                problems.add(
                        new ConfigProblem(
                                path,
                                lineNumber,
                                "localSite",
                                "a unique alias (already used on line " + firstAlias + ")",
                                site.alias()));
            } else if (firstAddress != null) {
                problems.add(
                        new ConfigProblem(
                                path,
                                lineNumber,
                                "localSite",
                                "a unique host:port (already used on line " + firstAddress + ")",
                                site.hostPort()));
            } else {
                nodes.add(new NodeEntry(site, mode));
            }
        }
        if (headerSeen && nodes.isEmpty() && problems.isEmpty()) {
            problems.add(
                    new ConfigProblem(
                            path,
                            0,
                            null,
                            "one row per node after the header line",
                            "only the header"));
        }
        if (!headerSeen)
            problems.add(
                    new ConfigProblem(
                            path,
                            0,
                            null,
                            "the header line '" + HEADER + "' and one row per node",
                            "an empty file"));
        if (!problems.isEmpty()) throw new ConfigException(problems);
        return new ClusterNodes(path, List.copyOf(nodes));
    }

    private static String withDetail(String expected, String detail) {
        return detail == null || detail.equals(expected)
                ? expected
                : expected + " (" + detail + ")";
    }

    public List<NodeEntry> withMode(NodeMode mode) {
        return nodes.stream().filter(n -> n.mode() == mode).toList();
    }

    public Optional<NodeEntry> find(String alias) {
        return nodes.stream().filter(n -> n.alias().equals(alias)).findFirst();
    }
}
