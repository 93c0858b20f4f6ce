package io.github.whoami;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ConnectionBudgetTest {

    private static final long MIB = 1024 * 1024;

    @Test
    void eachConnectionTakesNineteenKibibytesOfWhatIsLeftAfterTheReserve() {
        assertEquals(1_000, ConnectionBudget.maxConnections(ConnectionBudget.HEAP_RESERVE + 1_000 * 19 * 1024));
    }

    @Test
    void theHeapOfA128MegabyteContainerHolds1546Connections() {
        // -XX:MaxRAMPercentage=30 at --memory 128m: Runtime.maxMemory() is 40,566,784 bytes.
        assertEquals(1_546, ConnectionBudget.maxConnections(40_566_784));
    }

    @Test
    void aHeapSmallerThanTheReserveStillTakesSomeConnections() {
        assertEquals(ConnectionBudget.MIN_CONNECTIONS, ConnectionBudget.maxConnections(8 * MIB));
    }
}
