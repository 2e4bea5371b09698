package io.dolphincluster.runtime.datanode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * When each lost acknowledged batch was first seen missing: the table is read after every fault
 * (while the writers go on), and a batch missing from such a read is put down to the fault just
 * before it. A batch missing from one read and present in the next was read from a replica that did
 * not have it (a stale or diverged replica): counted as well.
 */
final class LossTimeline {
    private final Map<Long, String> firstMissingAfter = new HashMap<>();
    private Set<Long> missingNow = Set.of();
    private final List<String> lines = new ArrayList<>();
    private long reappeared;

    /** Notes what a read after {@code fault} showed. */
    void record(String fault, LedgerCheck.Result result) {
        Set<Long> missing = new HashSet<>();
        long fresh = 0, freshRows = 0;
        for (LedgerCheck.Lost lost : result.lost()) {
            missing.add(lost.batch());
            if (firstMissingAfter.putIfAbsent(lost.batch(), fault) == null) {
                fresh++;
                freshRows += lost.missingRows();
            }
        }
        long back = missingNow.stream().filter(batch -> !missing.contains(batch)).count();
        reappeared += back;
        missingNow = missing;
        String odd =
                result.duplicatedIds() + result.unexpectedRows() + result.wrongRows() == 0
                        ? ""
                        : String.format(
                                "; duplicated ids %d, unexpected rows %d, wrong rows %d",
                                result.duplicatedIds(),
                                result.unexpectedRows(),
                                result.wrongRows());
        lines.add(
                String.format(
                        "after %s: read %s: %d acknowledged batches missing (%d newly, %d rows), %d missing before now back%s",
                        fault, result.source(), missing.size(), fresh, freshRows, back, odd));
    }

    /** Notes a read after {@code fault} that could not be made. */
    void unread(String fault, String why) {
        lines.add("after " + fault + ": not read: " + why);
    }

    List<String> lines() {
        return List.copyOf(lines);
    }

    /** Batches missing from one read and present in the next. */
    long reappeared() {
        return reappeared;
    }

    /**
     * The final losses grouped by the fault after which each was first seen missing: batches and
     * rows.
     */
    Map<String, long[]> attribute(LedgerCheck.Result last) {
        Map<String, long[]> byFault = new LinkedHashMap<>();
        for (LedgerCheck.Lost lost : last.lost()) {
            long[] counts =
                    byFault.computeIfAbsent(
                            firstMissingAfter.getOrDefault(lost.batch(), "only in the final read"),
                            f -> new long[2]);
            counts[0]++;
            counts[1] += lost.missingRows();
        }
        return byFault;
    }
}
