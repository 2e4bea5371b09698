package io.dolphincluster.protocol.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dolphincluster.protocol.data.RowBatch;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RowBatchBytesTest {
    @Test
    void aBatchRoundTripsWithEveryTypeAndNulls() {
        assertThat(RowBatchBytes.decode(RowBatchBytes.encode(SampleMessages.ROWS))).isEqualTo(SampleMessages.ROWS);
        assertThat(RowBatchBytes.decode(RowBatchBytes.encode(RowBatch.empty(SampleMessages.SCHEMA)))).isEqualTo(RowBatch.empty(SampleMessages.SCHEMA));
    }

    @Test
    void badBytesFailOnlyWithIllegalArgumentException() {
        byte[] good = RowBatchBytes.encode(SampleMessages.ROWS);
        Random random = new Random(3);
        for (int i = 0; i < 10_000; i++) {
            byte[] bad = good.clone();
            bad[random.nextInt(bad.length)] ^= (byte) (1 << random.nextInt(8));
            try {
                RowBatchBytes.decode(bad);
            } catch (IllegalArgumentException expected) {
                // the contract: nothing else
            }
        }
        assertThatThrownBy(() -> RowBatchBytes.decode(new byte[] {0, 0, 0, 1})).isInstanceOf(IllegalArgumentException.class);
    }
}
