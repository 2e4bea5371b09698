package io.dolphincluster.operator.desired;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HeapOptionsTest {

    private static ResourceRequirements memory(String request, String limit) {
        ResourceRequirementsBuilder builder = new ResourceRequirementsBuilder();
        if (request != null) {
            builder.addToRequests("memory", new Quantity(request));
        }
        if (limit != null) {
            builder.addToLimits("memory", new Quantity(limit));
        }
        return builder.build();
    }

    @Test
    void theHeapFollowsTheMemoryLimitAndLeavesRoomForTheRestOfTheJvm() {
        assertThat(HeapOptions.of(memory("512Mi", "1Gi")))
                .contains("-XX:MaxRAM=1024m -XX:MaxRAMPercentage=62 -XX:MaxDirectMemorySize=128m");
        assertThat(HeapOptions.of(memory("1Gi", "2Gi")))
                .contains("-XX:MaxRAM=2048m -XX:MaxRAMPercentage=75 -XX:MaxDirectMemorySize=256m");
    }

    @Test
    void heapPlusDirectBuffersPlusTheFixedBudgetNeverExceedTheMemory() {
        for (long mib : new long[] {256, 384, 512, 768, 1024, 1536, 2048, 4096, 16384, 65536}) {
            String opts = HeapOptions.forMemory(mib);
            long percent = Long.parseLong(opts.replaceAll(".*MaxRAMPercentage=(\\d+).*", "$1"));
            long direct = Long.parseLong(opts.replaceAll(".*MaxDirectMemorySize=(\\d+)m.*", "$1"));

            assertThat(percent).as("%d MiB", mib).isBetween(25L, 75L);
            if (mib >= 512) {
                assertThat(mib * percent / 100 + direct + HeapOptions.FIXED_NON_HEAP_MIB)
                        .as("%d MiB", mib)
                        .isLessThanOrEqualTo(mib);
            }
        }
    }

    @Test
    void withoutALimitTheRequestSizesTheHeapAndWithoutEitherTheRuntimeDefaultApplies() {
        assertThat(HeapOptions.of(memory("1Gi", null))).contains(HeapOptions.forMemory(1024));
        assertThat(HeapOptions.of(memory(null, null))).isEmpty();
        assertThat(
                        HeapOptions.of(
                                new ResourceRequirementsBuilder()
                                        .addToRequests("cpu", new Quantity("2"))
                                        .build()))
                .isEmpty();
        assertThat(HeapOptions.of(null)).isEqualTo(Optional.empty());
    }
}
