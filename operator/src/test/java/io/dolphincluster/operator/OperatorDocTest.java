package io.dolphincluster.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the "concern | source" table of {@code docs/operator.md} true: every package of {@code
 * src/main/java} is named there, and every class it names exists.
 *
 * <p>How a row names classes, read in its last column, outside parentheses (which describe and may
 * name anything): a backticked path {@code `desired/Names`} names the class {@code Names} of the
 * package {@code desired} and makes {@code desired} the package of the backticked UpperCamelCase
 * words after it in the same cell ({@code `StatefulSetDesired`}); before any path, such a word is a
 * class of the root package. A name may end in a glob ({@code `reconcile/dependent/*Dependent`}):
 * at least one class matches. Backticked words that are not UpperCamelCase ({@code `crds/`}, {@code
 * `METRICS_PORT`}) are not class names.
 */
class OperatorDocTest {
    private static final Path DOC = Path.of("../docs/operator.md");
    private static final Path SOURCES = Path.of("src/main/java/io/dolphincluster/operator");
    private static final String HEADER = "| concern | source |";
    private static final String ROOT = "(root)";
    private static final Pattern BACKTICKED = Pattern.compile("`([^`]*)`");
    private static final Pattern PATH =
            Pattern.compile("((?:[a-z][a-z0-9]*/)+)([A-Z*][A-Za-z0-9*]*)");
    private static final Pattern CLASS_NAME =
            Pattern.compile("[A-Z][A-Za-z0-9*]*[a-z*][A-Za-z0-9*]*");

    /**
     * A class a row names: its package ({@code desired}, {@code reconcile.dependent}, or {@code
     * (root)}), its name.
     */
    record Named(String pkg, String name) {
        @Override
        public String toString() {
            return pkg + ": " + name;
        }
    }

    @Test
    void everyPackageIsNamedAndEveryNamedClassExists() throws IOException {
        Map<String, Set<String>> packages = packages();
        List<Named> named = new ArrayList<>();
        for (String cell : sourceCells()) {
            named.addAll(classNames(cell));
        }
        Set<String> namedPackages = new TreeSet<>();
        List<Named> missing = new ArrayList<>();
        for (Named n : named) {
            namedPackages.add(n.pkg());
            PathMatcher glob = FileSystems.getDefault().getPathMatcher("glob:" + n.name());
            if (packages.getOrDefault(n.pkg(), Set.of()).stream()
                    .noneMatch(c -> glob.matches(Path.of(c)))) {
                missing.add(n);
            }
        }
        Set<String> unnamed = new TreeSet<>(packages.keySet());
        unnamed.removeAll(namedPackages);

        assertSoftly(
                softly -> {
                    softly.assertThat(unnamed)
                            .as("packages of %s that no row of %s names", SOURCES, DOC)
                            .isEmpty();
                    softly.assertThat(missing)
                            .as("classes named in %s that are not in %s", DOC, SOURCES)
                            .isEmpty();
                });
    }

    @Test
    void aPathSetsThePackageOfTheNamesAfterItInItsCell() {
        assertThat(
                        classNames(
                                "`Root`, `desired/Names`, `Role` (with `other/Thing`, `Ignored`), `crds/`,"
                                        + " `METRICS_PORT`, `reconcile/dependent/*Dependent`; `Next`"))
                .containsExactly(
                        new Named(ROOT, "Root"),
                        new Named("desired", "Names"),
                        new Named("desired", "Role"),
                        new Named("reconcile.dependent", "*Dependent"),
                        new Named("reconcile.dependent", "Next"));
        assertThatThrownBy(() -> classNames("`A` (unclosed"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** The last cell of every row of the table under {@link #HEADER}. */
    private static List<String> sourceCells() throws IOException {
        List<String> lines = Files.readAllLines(DOC);
        int header = lines.indexOf(HEADER);
        assertThat(header).as("%s has a table '%s'", DOC, HEADER).isNotNegative();
        List<String> cells = new ArrayList<>();
        for (String line : lines.subList(header + 2, lines.size())) {
            if (!line.startsWith("| ") || !line.endsWith(" |")) break;
            cells.add(line.substring(line.lastIndexOf(" | ") + 3, line.length() - 2));
        }
        assertThat(cells).as("rows of the table '%s'", HEADER).isNotEmpty();
        return cells;
    }

    /** The classes a cell names, by the rule in the class comment, in order. */
    static List<Named> classNames(String cell) {
        StringBuilder outside = new StringBuilder();
        int depth = 0;
        for (char c : cell.toCharArray()) {
            if (c == '(') depth++;
            else if (c == ')') depth--;
            else if (depth == 0) outside.append(c);
            if (depth < 0) break;
        }
        if (depth != 0) throw new IllegalArgumentException("unbalanced parentheses in: " + cell);
        List<Named> names = new ArrayList<>();
        String pkg = ROOT;
        Matcher backticked = BACKTICKED.matcher(outside);
        while (backticked.find()) {
            String word = backticked.group(1);
            Matcher path = PATH.matcher(word);
            if (path.matches()) {
                pkg = path.group(1).substring(0, path.group(1).length() - 1).replace('/', '.');
                names.add(new Named(pkg, path.group(2)));
            } else if (CLASS_NAME.matcher(word).matches()) {
                names.add(new Named(pkg, word));
            }
        }
        return names;
    }

    /**
     * Each package with Java sources (dotted, under {@code io.dolphincluster.operator}) → its
     * top-level classes.
     */
    private static Map<String, Set<String>> packages() throws IOException {
        Map<String, Set<String>> packages = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String name = file.getFileName().toString().replace(".java", "");
                if (name.equals("package-info")) continue;
                Path dir = SOURCES.relativize(file.getParent());
                String pkg = dir.toString().isEmpty() ? ROOT : dir.toString().replace('/', '.');
                packages.computeIfAbsent(pkg, p -> new TreeSet<>()).add(name);
            }
        }
        return packages;
    }
}
