package io.dolphincluster.operator.desired;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;

/**
 * The JVM memory options of a runtime container (bin/dolphin's DOLPHIN_HEAP_OPTS), sized from its
 * memory limit, or its memory request when it has no limit; without either, none (bin/dolphin's
 * -Xmx512m applies).
 *
 * <p>Beside the heap a JVM needs memory the heap sizing does not see. Direct buffers (Netty's,
 * Ratis' gRPC) are capped at an eighth of the memory. Metaspace, code cache, thread stacks, the
 * GC's structures and malloc's arenas get a budget of {@link #FIXED_NON_HEAP_MIB} MiB: native
 * memory tracking counted about 90 MiB in a controller and in a datanode after 300,000 rows were
 * loaded, and code cache and threads grow under load. The heap gets the rest, from 25% to 75% of
 * the memory. The memory is also given as MaxRAM, so the sizes are the same where the JVM cannot
 * see the container's limit.
 */
public final class HeapOptions {
    static final long FIXED_NON_HEAP_MIB = 256;
    static final int MIN_HEAP_PERCENT = 25;
    static final int MAX_HEAP_PERCENT = 75;
    private static final long MIB = 1024 * 1024;

    private HeapOptions() {}

    public static Optional<String> of(ResourceRequirements resources) {
        return memory(resources).map(HeapOptions::forMemory);
    }

    /** For a container of {@code memoryMib} MiB. */
    static String forMemory(long memoryMib) {
        long direct = Math.max(memoryMib / 8, 16);
        long heapMib = memoryMib - FIXED_NON_HEAP_MIB - direct;
        long percent =
                Math.max(MIN_HEAP_PERCENT, Math.min(MAX_HEAP_PERCENT, heapMib * 100 / memoryMib));
        return "-XX:MaxRAM="
                + memoryMib
                + "m -XX:MaxRAMPercentage="
                + percent
                + " -XX:MaxDirectMemorySize="
                + direct
                + "m";
    }

    private static Optional<Long> memory(ResourceRequirements resources) {
        if (resources == null) {
            return Optional.empty();
        }
        return quantity(resources.getLimits())
                .or(() -> quantity(resources.getRequests()))
                .map(q -> Quantity.getAmountInBytes(q).divide(BigDecimal.valueOf(MIB)).longValue())
                .filter(mib -> mib > 0);
    }

    private static Optional<Quantity> quantity(Map<String, Quantity> amounts) {
        return Optional.ofNullable(amounts).map(a -> a.get("memory"));
    }
}
