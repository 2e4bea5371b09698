package io.dolphincluster.runtime.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The seed's {@code cluster.cfg}: settings for the datanodes, either for all of them ({@code
 * maxMemSize=4}) or for one alias ({@code datanode1.maxMemSize=8}, which wins). Values are
 * validated here so a typo is found when the controller starts, not when a datanode does.
 */
public record ClusterConfig(Map<String, String> common, Map<String, Map<String, String>> perNode) {
    private static final Logger log = LoggerFactory.getLogger(ClusterConfig.class);

    private static final Map<String, ValueParser<?>> KNOWN =
            Map.of(
                    "maxMemSize", ValueParser.positiveNumber(),
                    "maxConnections", ValueParser.integer(1, 65_536),
                    "workerNum", ValueParser.integer(1, 1024),
                    "localExecutors", ValueParser.integer(0, 1024),
                    "maxBatchJobWorker", ValueParser.integer(0, 1024),
                    "webWorkerNum", ValueParser.integer(1, 1024),
                    "volumes", ValueParser.text(),
                    "chunkCacheEngineMemSize", ValueParser.positiveNumber(),
                    "newValuePartitionPolicy", ValueParser.oneOf("add", "skip", "fail"),
                    "dataSync", ValueParser.bool());

    public static ClusterConfig empty() {
        return new ClusterConfig(Map.of(), Map.of());
    }

    public static ClusterConfig read(Path path) throws ConfigException {
        ConfigFile file = ConfigFile.read(path);
        Map<String, String> common = new TreeMap<>();
        Map<String, Map<String, String>> perNode = new TreeMap<>();
        List<ConfigProblem> problems = new ArrayList<>(file.problems());
        for (ConfigFile.Entry entry : file.entries().values()) {
            int dot = entry.key().lastIndexOf('.');
            String node = dot < 0 ? null : entry.key().substring(0, dot);
            String name = entry.key().substring(dot + 1);
            ValueParser<?> parser = KNOWN.get(name);
            if (parser == null) {
                log.warn("{}:{}: unknown key '{}' ignored", path, entry.line(), entry.key());
                continue;
            }
            try {
                parser.apply(entry.value());
            } catch (IllegalArgumentException e) {
                problems.add(
                        new ConfigProblem(
                                path, entry.line(), entry.key(), e.getMessage(), entry.value()));
                continue;
            }
            (node == null ? common : perNode.computeIfAbsent(node, n -> new TreeMap<>()))
                    .put(name, entry.value());
        }
        if (!problems.isEmpty()) throw new ConfigException(problems);
        return new ClusterConfig(common, perNode);
    }

    /** The settings that apply to one datanode: the common ones overlaid with its own. */
    public Map<String, String> settingsFor(String alias) {
        Map<String, String> settings = new LinkedHashMap<>(common);
        settings.putAll(perNode.getOrDefault(alias, Map.of()));
        return settings;
    }
}
