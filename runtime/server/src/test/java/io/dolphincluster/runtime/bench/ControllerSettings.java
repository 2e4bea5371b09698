package io.dolphincluster.runtime.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/** Extra {@code controller.cfg} lines given to a benchmark as {@code key=value,key=value}. */
final class ControllerSettings {
    private ControllerSettings() {}

    static Map<String, String> parse(String spec) {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String pair : spec.split(",")) {
            if (pair.isBlank()) continue;
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("expected key=value, got '" + pair + "'");
            }
            settings.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
        return settings;
    }
}
