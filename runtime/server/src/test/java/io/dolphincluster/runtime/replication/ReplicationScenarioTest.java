package io.dolphincluster.runtime.replication;

import static org.assertj.core.api.Assertions.assertThat;

import io.dolphincluster.runtime.metadata.ChunkInfo;
import io.dolphincluster.runtime.metadata.ReplicaInfo;
import io.dolphincluster.runtime.storage.ChunkRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the scenario files of {@code src/test/resources/replication/} (their header says how to read
 * them) against {@link PrimaryRound}, {@link AppendRule} and {@link CatchUpRule}: each step's
 * effects must be exactly the ones the file lists under it.
 */
class ReplicationScenarioTest {

    @TestFactory
    Stream<DynamicTest> primaryRound() throws IOException {
        return tests("primary-round.txt", this::runPrimaryRound);
    }

    @TestFactory
    Stream<DynamicTest> appendRule() throws IOException {
        return tests("append-rule.txt", this::runAppendRule);
    }

    @TestFactory
    Stream<DynamicTest> catchUp() throws IOException {
        return tests("catch-up.txt", this::runCatchUp);
    }

    private interface Runner {
        void run(ScenarioFile.Scenario scenario);
    }

    private static Stream<DynamicTest> tests(String file, Runner runner) throws IOException {
        ScenarioFile scenarios = ScenarioFile.load(file);
        assertThat(scenarios.scenarios()).as(file).isNotEmpty();
        return scenarios.scenarios().stream()
                .map(s -> DynamicTest.dynamicTest(s.name(), () -> runner.run(s)));
    }

    private void runPrimaryRound(ScenarioFile.Scenario scenario) {
        String self = null;
        ChunkInfo chunk = null;
        LogPosition target = null;
        PrimaryRound round = null;
        for (ScenarioFile.Step step : scenario.steps()) {
            List<PrimaryRound.Effect> effects = List.of();
            switch (step.word(0)) {
                case "self" -> self = step.word(1);
                case "chunk" -> chunk = chunk(step, 1);
                case "target" -> target = position(step.word(1));
                case "start" -> {
                    round = new PrimaryRound(self, chunk, target);
                    effects = round.start();
                }
                case "answered" ->
                        effects =
                                round.on(
                                        new PrimaryRound.Event.Answered(
                                                step.word(1), position(step.word(2))));
                case "failed" ->
                        effects =
                                round.on(new PrimaryRound.Event.Failed(step.word(1), step.from(2)));
                case "marked" -> effects = round.on(new PrimaryRound.Event.Marked(step.word(1)));
                case "refused" ->
                        effects =
                                round.on(
                                        new PrimaryRound.Event.MarkRefused(
                                                step.word(1), step.from(2)));
                case "refreshed" ->
                        effects =
                                round.on(
                                        new PrimaryRound.Event.Refreshed(
                                                "gone".equals(step.word(1))
                                                        ? null
                                                        : chunk(step, 1)));
                default ->
                        throw new IllegalArgumentException(
                                "line " + step.lineNumber() + ": unknown step " + step.word(0));
            }
            check(scenario, step, effects.stream().map(ReplicationScenarioTest::describe).toList());
        }
    }

    private void runAppendRule(ScenarioFile.Scenario scenario) {
        String self = null;
        ChunkInfo chunk = null;
        List<String> log = new ArrayList<>();
        for (ScenarioFile.Step step : scenario.steps()) {
            List<String> effects = List.of();
            switch (step.word(0)) {
                case "self" -> self = step.word(1);
                case "chunk" -> chunk = "unknown".equals(step.word(1)) ? null : chunk(step, 1);
                case "log" -> log = List.of(step.words()).subList(1, step.words().length);
                case "append" -> {
                    List<ChunkRecord> records = new ArrayList<>();
                    for (int i = 3; i < step.words().length; i++) {
                        String[] parts = step.words()[i].split(":");
                        records.add(
                                new ChunkRecord(Long.parseLong(parts[0]), parts[1], new byte[0]));
                    }
                    List<String> writeIds = log;
                    AppendRule.LocalLog local =
                            new AppendRule.LocalLog() {
                                @Override
                                public long lastSeq() {
                                    return writeIds.size();
                                }

                                @Override
                                public long seqOf(String writeId) {
                                    return writeIds.indexOf(writeId) + 1;
                                }
                            };
                    AppendRule.Decision decision =
                            AppendRule.decide(
                                    self,
                                    chunk,
                                    step.word(1),
                                    Long.parseLong(step.word(2)),
                                    local,
                                    records);
                    effects =
                            List.of(
                                    decision instanceof AppendRule.Decision.Refuse refuse
                                            ? "refuse " + refuse.refusal()
                                            : ("take "
                                                            + String.join(
                                                                    " ",
                                                                    ((AppendRule.Decision.Take)
                                                                                    decision)
                                                                            .toAppend().stream()
                                                                                    .map(
                                                                                            r ->
                                                                                                    String
                                                                                                            .valueOf(
                                                                                                                    r
                                                                                                                            .seq()))
                                                                                    .toList()))
                                                    .trim());
                }
                default ->
                        throw new IllegalArgumentException(
                                "line " + step.lineNumber() + ": unknown step " + step.word(0));
            }
            check(scenario, step, effects);
        }
    }

    private void runCatchUp(ScenarioFile.Scenario scenario) {
        String self = null;
        ChunkInfo chunk = null;
        LogPosition own = null;
        for (ScenarioFile.Step step : scenario.steps()) {
            List<String> effects = List.of();
            switch (step.word(0)) {
                case "self" -> self = step.word(1);
                case "chunk" -> chunk = chunk(step, 1);
                case "own" -> own = position(step.word(1));
                case "fetched" -> {
                    CatchUpRule.Step next =
                            CatchUpRule.replicaStep(
                                    position(step.word(1)),
                                    Long.parseLong(step.word(3)),
                                    digest(step.word(5)),
                                    step.words().length > 6 && "corrupt".equals(step.word(6)));
                    effects =
                            List.of(
                                    next == CatchUpRule.Step.REBUILD
                                            ? "rebuild"
                                            : "append-fetched");
                }
                case "caught-up" -> {
                    CatchUpRule.Verdict verdict =
                            CatchUpRule.primaryVerdict(
                                    self, chunk, step.word(1), position(step.word(2)), own);
                    effects =
                            List.of(
                                    verdict instanceof CatchUpRule.Verdict.MarkInSync mark
                                            ? "mark-in-sync " + mark.expectedEpoch()
                                            : verdict instanceof CatchUpRule.Verdict.Behind
                                                    ? "behind"
                                                    : "refuse");
                }
                default ->
                        throw new IllegalArgumentException(
                                "line " + step.lineNumber() + ": unknown step " + step.word(0));
            }
            check(scenario, step, effects);
        }
    }

    private static void check(
            ScenarioFile.Scenario scenario, ScenarioFile.Step step, List<String> actual) {
        assertThat(actual)
                .as(
                        "%s, \"%s\", line %d (%s)",
                        scenario.file(),
                        scenario.name(),
                        step.lineNumber(),
                        String.join(" ", step.words()))
                .containsExactlyElementsOf(step.expected());
    }

    private static String describe(PrimaryRound.Effect effect) {
        if (effect instanceof PrimaryRound.Effect.Send send)
            return "send " + send.replica() + " " + send.epoch();
        if (effect instanceof PrimaryRound.Effect.MarkOutOfSync mark)
            return "mark " + mark.replica() + " " + mark.expectedEpoch();
        if (effect instanceof PrimaryRound.Effect.Refresh) return "refresh";
        if (effect instanceof PrimaryRound.Effect.Acknowledge) return "ack";
        return ((PrimaryRound.Effect.Fail) effect).notPrimary() ? "fail not-primary" : "fail";
    }

    /** {@code chunk EPOCH NODE[*] ...}, read from word {@code from} on. */
    private static ChunkInfo chunk(ScenarioFile.Step step, int from) {
        long epoch = Long.parseLong(step.word(from));
        List<ReplicaInfo> replicas = new ArrayList<>();
        for (int i = from + 1; i < step.words().length; i++) {
            String word = step.words()[i];
            boolean inSync = word.endsWith("*");
            replicas.add(
                    new ReplicaInfo(
                            inSync ? word.substring(0, word.length() - 1) : word, 0, inSync));
        }
        return new ChunkInfo("c1", "db", "t", "k", replicas, epoch);
    }

    /** {@code LASTSEQ:DIGEST}, the digest a label. */
    private static LogPosition position(String text) {
        String[] parts = text.split(":");
        return new LogPosition(Long.parseLong(parts[0]), digest(parts[1]));
    }

    private static long digest(String label) {
        return label.hashCode();
    }
}
