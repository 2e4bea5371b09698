package io.dolphincluster.runtime.config;

import java.util.List;
import java.util.stream.Collectors;

/** A config file (or a set of them) cannot be used; every problem found is listed, one per line. */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;
    private final List<ConfigProblem> problems;

    public ConfigException(List<ConfigProblem> problems) {
        super(
                problems.stream()
                        .map(ConfigProblem::toString)
                        .collect(Collectors.joining(System.lineSeparator())));
        this.problems = List.copyOf(problems);
    }

    public ConfigException(ConfigProblem problem) {
        this(List.of(problem));
    }

    public List<ConfigProblem> problems() {
        return problems;
    }
}
