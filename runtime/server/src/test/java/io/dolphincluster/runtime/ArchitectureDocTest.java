package io.dolphincluster.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the table of {@code runtime/server} packages in {@code docs/architecture.md} true: every
 * package of {@code src/main/java} has a row, every row is a package, and every class a row names
 * is in that package.
 *
 * <p>What a row names as a class: a backticked word in its last column that is one UpperCamelCase
 * identifier (a capital first, a lower-case letter somewhere, only letters and digits: {@code
 * `ChunkStore`}, not {@code `VALUE`}, {@code `store.id`}, {@code `GET /metrics`} or {@code
 * `index.html`}), outside parentheses. Parentheses describe the class before them and may name
 * whatever it works with (a class of another package, a JDK exception, a nested type), so the words
 * inside them are not checked.
 */
class ArchitectureDocTest {
    private static final Path DOC = Path.of("../../docs/architecture.md");
    private static final Path SOURCES = Path.of("src/main/java/io/dolphincluster/runtime");
    private static final String SECTION = "## `runtime/server` packages";
    private static final String ROOT = "(root)";
    private static final Pattern BACKTICKED = Pattern.compile("`([^`]*)`");
    private static final Pattern CLASS_NAME = Pattern.compile("[A-Z][A-Za-z0-9]*[a-z][A-Za-z0-9]*");

    @Test
    void everyPackageHasARowAndEveryRowIsAPackage() throws IOException {
        Set<String> packages = packages().keySet();
        Set<String> rows = rows().keySet();

        assertSoftly(
                softly -> {
                    softly.assertThat(difference(packages, rows))
                            .as("packages of %s without a row in %s", SOURCES, DOC)
                            .isEmpty();
                    softly.assertThat(difference(rows, packages))
                            .as("rows of %s for packages not in %s", DOC, SOURCES)
                            .isEmpty();
                });
    }

    @Test
    void everyClassARowNamesIsInItsPackage() throws IOException {
        Map<String, Set<String>> packages = packages();
        List<String> missing = new ArrayList<>();
        rows().forEach(
                        (pkg, classes) -> {
                            for (String name : classNames(classes)) {
                                if (!packages.getOrDefault(pkg, Set.of()).contains(name))
                                    missing.add(pkg + ": " + name);
                            }
                        });

        assertThat(missing)
                .as("classes named in %s that are not in their row's package", DOC)
                .isEmpty();
    }

    @Test
    void namesOutsideParenthesesThatLookLikeClassesAreChecked() {
        assertThat(
                        classNames(
                                "`ChunkStore` (with its `store.id`), `Parser`/`ExpressionParser` (driver of"
                                        + " `PrimaryRound`: (nested) `CompletionException`), `VALUE`, `index.html`, `GET /metrics`, `Vec2`"))
                .containsExactly("ChunkStore", "Parser", "ExpressionParser", "Vec2");
        assertThatThrownBy(() -> classNames("`A` (unclosed"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * Each row's package (a name like {@code dolphindb.data}, or {@code (root)}) → its last column.
     */
    private static Map<String, String> rows() throws IOException {
        String doc = Files.readString(DOC);
        int start = doc.indexOf(SECTION);
        assertThat(start).as("%s has a section '%s'", DOC, SECTION).isNotNegative();
        int end = doc.indexOf("\n## ", start + 1);
        Map<String, String> rows = new TreeMap<>();
        for (String line : doc.substring(start, end < 0 ? doc.length() : end).split("\n")) {
            if (!line.startsWith("| ") || !line.endsWith(" |")) continue;
            String[] cells = line.substring(2, line.length() - 2).split(" \\| ");
            String first = cells[0];
            String classes = cells[cells.length - 1];
            if (first.equals(ROOT)) rows.put(ROOT, classes);
            else if (first.matches("`[a-z][a-z0-9.]*`"))
                rows.put(first.substring(1, first.length() - 1), classes);
        }
        assertThat(rows).as("rows of the section '%s'", SECTION).isNotEmpty();
        return rows;
    }

    /** The class names a row's cell states, by the rule in the class comment, in order. */
    static List<String> classNames(String cell) {
        StringBuilder outside = new StringBuilder();
        int depth = 0;
        for (char c : cell.toCharArray()) {
            if (c == '(') depth++;
            else if (c == ')') depth--;
            else if (depth == 0) outside.append(c);
            if (depth < 0) break;
        }
        if (depth != 0) throw new IllegalArgumentException("unbalanced parentheses in: " + cell);
        List<String> names = new ArrayList<>();
        Matcher backticked = BACKTICKED.matcher(outside);
        while (backticked.find()) {
            if (CLASS_NAME.matcher(backticked.group(1)).matches()) names.add(backticked.group(1));
        }
        return names;
    }

    /**
     * Each package with Java sources (dotted, under {@code io.dolphincluster.runtime}) → its
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

    private static Set<String> difference(Set<String> a, Set<String> b) {
        return a.stream()
                .filter(x -> !b.contains(x))
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
