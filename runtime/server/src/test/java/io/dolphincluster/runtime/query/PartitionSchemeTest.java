package io.dolphincluster.runtime.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dolphincluster.protocol.data.ColumnType;
import io.dolphincluster.protocol.query.Filter.Op;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class PartitionSchemeTest {

    @Test
    void valueKeysAreCanonicalTexts() {
        assertThat(PartitionScheme.parse("VALUE", ColumnType.DATE).keyOf(LocalDate.of(2024, 1, 2)))
                .isEqualTo("2024-01-02");
        assertThat(PartitionScheme.parse(" value ", ColumnType.SYMBOL).keyOf("AAPL"))
                .isEqualTo("AAPL");
        assertThat(PartitionScheme.parse("VALUE", ColumnType.INT).keyOf(-42)).isEqualTo("-42");
        assertThat(
                        PartitionScheme.parse("VALUE", ColumnType.TIMESTAMP)
                                .keyOf(Instant.parse("2024-01-02T10:00:00.500Z")))
                .isEqualTo("2024-01-02T10:00:00.500Z");
    }

    @Test
    void valuePruningComparesTheKeysValueExactly() {
        PartitionScheme scheme = PartitionScheme.parse("VALUE", ColumnType.DATE);
        LocalDate jan2 = LocalDate.of(2024, 1, 2);

        assertThat(scheme.mayMatch("2024-01-02", Op.EQ, jan2)).isTrue();
        assertThat(scheme.mayMatch("2024-01-03", Op.EQ, jan2)).isFalse();
        assertThat(scheme.mayMatch("2024-01-02", Op.NE, jan2)).isFalse();
        assertThat(scheme.mayMatch("2024-01-01", Op.LT, jan2)).isTrue();
        assertThat(scheme.mayMatch("2024-01-02", Op.LT, jan2)).isFalse();
        assertThat(scheme.mayMatch("2024-01-02", Op.LE, jan2)).isTrue();
        assertThat(scheme.mayMatch("2024-01-02", Op.GT, jan2)).isFalse();
        assertThat(scheme.mayMatch("2024-01-10", Op.GE, jan2)).isTrue();
        assertThat(scheme.mayMatch("not a date", Op.EQ, jan2))
                .as("an unknown key is kept")
                .isTrue();
    }

    @Test
    void rangePartitionsAreHalfOpenIntervals() {
        PartitionScheme scheme = PartitionScheme.parse("RANGE(0, 10, 20)", ColumnType.INT);

        assertThat(scheme.keyOf(0)).isEqualTo("[0,10)");
        assertThat(scheme.keyOf(9)).isEqualTo("[0,10)");
        assertThat(scheme.keyOf(10)).isEqualTo("[10,20)");
        assertThat(scheme.keyOf(19)).isEqualTo("[10,20)");
        assertThatThrownBy(() -> scheme.keyOf(20))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("value 20 is outside")
                .hasMessageContaining("[0, 20)");
        assertThatThrownBy(() -> scheme.keyOf(-1)).hasMessageContaining("outside");
    }

    @Test
    void rangeBoundariesAreTypedByTheColumn() {
        PartitionScheme dates =
                PartitionScheme.parse("RANGE(2024-01-01,2024-02-01,2024-03-01)", ColumnType.DATE);
        assertThat(dates.keyOf(LocalDate.of(2024, 2, 29))).isEqualTo("[2024-02-01,2024-03-01)");

        PartitionScheme symbols = PartitionScheme.parse("RANGE(A,M,ZZZZ)", ColumnType.SYMBOL);
        assertThat(symbols.keyOf("IBM")).isEqualTo("[A,M)");
        assertThat(symbols.keyOf("MSFT")).isEqualTo("[M,ZZZZ)");

        assertThatThrownBy(
                        () -> PartitionScheme.parse("RANGE(2024-01-01,tomorrow)", ColumnType.DATE))
                .hasMessageContaining("'tomorrow' is not a DATE");
        assertThatThrownBy(() -> PartitionScheme.parse("RANGE(10,5)", ColumnType.INT))
                .hasMessageContaining("increase strictly");
        assertThatThrownBy(() -> PartitionScheme.parse("RANGE(10)", ColumnType.INT))
                .hasMessageContaining("at least two boundaries");
    }

    @Test
    void rangePruningUsesIntervalOverlap() {
        PartitionScheme scheme = PartitionScheme.parse("RANGE(0,10,20)", ColumnType.INT);

        assertThat(scheme.mayMatch("[0,10)", Op.EQ, 5)).isTrue();
        assertThat(scheme.mayMatch("[0,10)", Op.EQ, 10)).isFalse();
        assertThat(scheme.mayMatch("[10,20)", Op.EQ, 10)).isTrue();
        assertThat(scheme.mayMatch("[10,20)", Op.LT, 10)).isFalse();
        assertThat(scheme.mayMatch("[10,20)", Op.LE, 10)).isTrue();
        assertThat(scheme.mayMatch("[0,10)", Op.GE, 10)).isFalse();
        assertThat(scheme.mayMatch("[0,10)", Op.GT, 9))
                .as("conservative: no INT lies in (9, 10) but we keep it")
                .isTrue();
        assertThat(scheme.mayMatch("[0,10)", Op.GT, 10)).isFalse();
        assertThat(scheme.mayMatch("[0,10)", Op.NE, 5)).isTrue();
    }

    @Test
    void hashKeysAreStableAcrossJvms() {
        PartitionScheme symbols = PartitionScheme.parse("HASH(8)", ColumnType.SYMBOL);
        // "AAPL".hashCode() and "MSFT".hashCode() are fixed by the Java specification; both land in
        // bucket 4 of 8.
        assertThat(symbols.keyOf("AAPL")).isEqualTo("h4");
        assertThat(symbols.keyOf("MSFT")).isEqualTo("h4");
        // 2024-01-02 is epoch day 19724; 19724 mod 4 = 0
        assertThat(
                        PartitionScheme.parse("HASH(4)", ColumnType.DATE)
                                .keyOf(LocalDate.of(2024, 1, 2)))
                .isEqualTo("h0");
        assertThat(PartitionScheme.parse("HASH(3)", ColumnType.INT).keyOf(-7)).isEqualTo("h2");
        assertThat(PartitionScheme.parse("hash( 1 )", ColumnType.DOUBLE).keyOf(3.5))
                .isEqualTo("h0");
    }

    @Test
    void hashPrunesOnlyEquality() {
        PartitionScheme scheme = PartitionScheme.parse("HASH(8)", ColumnType.SYMBOL);

        assertThat(scheme.mayMatch("h4", Op.EQ, "AAPL")).isTrue();
        assertThat(scheme.mayMatch("h3", Op.EQ, "AAPL")).isFalse();
        assertThat(scheme.mayMatch("h3", Op.LT, "AAPL")).isTrue();
        assertThat(scheme.mayMatch("h3", Op.NE, "AAPL")).isTrue();
    }

    @Test
    void parseErrorsSayWhatIsExpected() {
        for (String bad :
                new String[] {"", "VALUE(date)", "LIST(1,2)", "HASH", "RANGE 1,2", "HASH(sym,8)"}) {
            assertThatThrownBy(() -> PartitionScheme.parse(bad, ColumnType.SYMBOL))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'" + bad + "'");
        }
        assertThatThrownBy(() -> PartitionScheme.parse("VALUE(date)", ColumnType.DATE))
                .hasMessage("expected VALUE, RANGE(b1,...) or HASH(n), got 'VALUE(date)'");
        assertThatThrownBy(() -> PartitionScheme.parse(null, ColumnType.DATE))
                .hasMessageContaining("expected VALUE");
        assertThatThrownBy(() -> PartitionScheme.parse("HASH(x)", ColumnType.INT))
                .hasMessageContaining("whole number");
        assertThatThrownBy(() -> PartitionScheme.parse("HASH(0)", ColumnType.INT))
                .hasMessageContaining("at least one");
    }
}
