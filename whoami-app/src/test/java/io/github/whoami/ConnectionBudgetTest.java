package io.github.whoami;

import java.util.stream.LongStream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What {@link ConnectionBudget} promises, for heaps from 1 MiB to 2 GiB: the connections it allows fit in
 * the heap beside the reserve, one more would not, and no heap gets fewer than the minimum. The figures
 * it divides by are ConnectionCostIT's to check, against a running server.
 */
class ConnectionBudgetTest {

    private static final long MIB = 1024 * 1024;

    /** Heaps of every size the images give, 1 MiB to 2 GiB, in uneven steps. */
    static LongStream heaps() {
        return LongStream.iterate(MIB, heap -> heap <= 2048 * MIB, heap -> heap + heap / 7 + 12_345);
    }

    @ParameterizedTest
    @MethodSource("heaps")
    void theConnectionsAllowedFitInTheHeapBesideTheReserveAndOneMoreWouldNot(long heap) {
        int connections = ConnectionBudget.maxConnections(heap);
        if (connections > ConnectionBudget.MIN_CONNECTIONS) {
            long used = ConnectionBudget.HEAP_RESERVE + connections * ConnectionBudget.HEAP_PER_CONNECTION;
            assertTrue(used <= heap, connections + " connections need " + used + " bytes of a " + heap + "-byte heap");
            assertTrue(used + ConnectionBudget.HEAP_PER_CONNECTION > heap,
                    "a " + heap + "-byte heap has room for more than " + connections + " connections");
        } else {
            assertEquals(ConnectionBudget.MIN_CONNECTIONS, connections, "the fewest a " + heap + "-byte heap takes");
        }
    }

    @ParameterizedTest
    @MethodSource("heaps")
    void aBiggerHeapNeverHoldsFewerConnections(long heap) {
        assertTrue(ConnectionBudget.maxConnections(heap + ConnectionBudget.HEAP_PER_CONNECTION)
                >= ConnectionBudget.maxConnections(heap));
    }
}
