package io.github.whoami;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ConnectionBudgetTest {

    private static final long MIB = 1024 * 1024;

    @Test
    void eachConnectionTakesTwentyKibibytesOfWhatIsLeftAfterTheReserve() {
        assertEquals(1_000, ConnectionBudget.maxConnections(ConnectionBudget.HEAP_RESERVE + 1_000 * 20 * 1024));
    }

    @Test
    void aHeapSmallerThanTheReserveStillTakesSomeConnections() {
        assertEquals(ConnectionBudget.MIN_CONNECTIONS, ConnectionBudget.maxConnections(8 * MIB));
    }
}
