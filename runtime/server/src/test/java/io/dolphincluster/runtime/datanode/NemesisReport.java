package io.dolphincluster.runtime.datanode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The summary of a {@link NemesisIT} run, as printed and as written to {@code
 * target/nemesis-report.txt}: the seed, the faults applied by kind, how the appends ended, what the
 * final reads (one through each datanode, so every replica is read) found, when the losses first
 * showed, and whatever did not recover in time.
 *
 * @param rerun the system properties that repeat the run
 * @param problems what did not happen in time (the cluster did not settle, a read failed), empty
 *     when all did
 */
record NemesisReport(
        String rerun,
        int faultsRequested,
        Duration took,
        Map<Nemesis.Kind, Integer> faultsByKind,
        List<Nemesis.Applied> faults,
        BatchLedger ledger,
        List<LedgerCheck.Result> finalReads,
        LossTimeline timeline,
        List<String> problems) {

    boolean passed() {
        return problems.isEmpty()
                && !finalReads.isEmpty()
                && finalReads.stream().allMatch(LedgerCheck.Result::clean);
    }

    /** Acknowledged batches missing from at least one final read. */
    Set<Long> lostInSomeRead() {
        return finalReads.stream()
                .flatMap(r -> r.lost().stream())
                .map(LedgerCheck.Lost::batch)
                .collect(Collectors.toSet());
    }

    /** Acknowledged batches missing rows in every final read: on no replica at all. */
    Set<Long> lostInEveryRead() {
        if (finalReads.isEmpty()) return Set.of();
        Set<Long> lost =
                new HashSet<>(
                        finalReads.get(0).lost().stream().map(LedgerCheck.Lost::batch).toList());
        for (LedgerCheck.Result read : finalReads)
            lost.retainAll(read.lost().stream().map(LedgerCheck.Lost::batch).toList());
        return lost;
    }

    String text() {
        StringBuilder text = new StringBuilder();
        String rule = "=".repeat(100);
        text.append(rule).append('\n');
        text.append("NemesisIT ")
                .append(passed() ? "PASSED" : "FAILED")
                .append(": ")
                .append(rerun)
                .append('\n');
        text.append(
                String.format(
                        "faults: %d of %d applied (the run took %d s): %s%n",
                        faults.size(),
                        faultsRequested,
                        took.toSeconds(),
                        faultsByKind.entrySet().stream()
                                .map(e -> e.getKey() + " " + e.getValue())
                                .collect(Collectors.joining(", "))));
        text.append(
                String.format(
                        "batches (50 rows each): sent %d, acknowledged %d, failed %d, unfinished %d%n",
                        ledger.sent(),
                        ledger.count(BatchLedger.Outcome.ACKNOWLEDGED),
                        ledger.count(BatchLedger.Outcome.FAILED),
                        ledger.count(BatchLedger.Outcome.PENDING)));
        if (!finalReads.isEmpty()) {
            LedgerCheck.Result first = finalReads.get(0);
            text.append(
                    String.format(
                            "lost acknowledged batches: %d missing rows in some read, %d in every read; duplicated ids %d,"
                                    + " unexpected rows %d (max over the reads)%n",
                            lostInSomeRead().size(),
                            lostInEveryRead().size(),
                            finalReads.stream()
                                    .mapToLong(LedgerCheck.Result::duplicatedIds)
                                    .max()
                                    .orElse(0),
                            finalReads.stream()
                                    .mapToLong(LedgerCheck.Result::unexpectedRows)
                                    .max()
                                    .orElse(0)));
            text.append(
                    String.format(
                            "failed batches (%s): absent %d, partial %d, complete %d%n",
                            first.source(),
                            first.unackedAbsent(),
                            first.unackedPartial(),
                            first.unackedComplete()));
        }
        problems.forEach(p -> text.append("PROBLEM: ").append(p).append('\n'));
        text.append("-- final reads, once every replica was in sync again:\n");
        finalReads.forEach(r -> text.append(r.describe()));
        if (!finalReads.isEmpty()) {
            Map<String, long[]> byFault = timeline.attribute(finalReads.get(0));
            if (!byFault.isEmpty()) {
                text.append(
                        "-- lost batches of the first final read, by the fault after which they were first seen missing:\n");
                byFault.forEach(
                        (fault, n) ->
                                text.append(
                                        String.format(
                                                "  %s: %d batches, %d rows%n", fault, n[0], n[1])));
            }
        }
        text.append(
                String.format(
                        "-- reads after each fault (writes going on; %d batches missing from one read were back in the next):%n",
                        timeline.reappeared()));
        timeline.lines().forEach(line -> text.append("  ").append(line).append('\n'));
        text.append("-- faults:\n");
        faults.forEach(fault -> text.append("  ").append(fault).append('\n'));
        text.append(rule).append('\n');
        return text.toString();
    }

    void write(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, text());
    }
}
