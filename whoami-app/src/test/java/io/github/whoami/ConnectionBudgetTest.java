package io.github.whoami;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ConnectionBudgetTest {

    private static final long MIB = 1024 * 1024;

    @Test
    void eachConnectionTakesThirteenKibibytesOfWhatIsLeftAfterTheReserve() {
        assertEquals(1_000, ConnectionBudget.maxConnections(ConnectionBudget.HEAP_RESERVE + 1_000 * 13 * 1024));
    }

    @Test
    void theHeapOfA128MegabyteContainerHolds2259Connections() {
        // -XX:MaxRAMPercentage=30 at --memory 128m: Runtime.maxMemory() is 40,566,784 bytes.
        assertEquals(2_259, ConnectionBudget.maxConnections(40_566_784));
    }

    @Test
    void theHeapOfA512MegabyteContainerHolds10939Connections() {
        // -XX:MaxRAMPercentage=30 at --memory 512m: Runtime.maxMemory() is 156,106,752 bytes.
        assertEquals(10_939, ConnectionBudget.maxConnections(156_106_752));
    }

    @Test
    void aHeapSmallerThanTheReserveStillTakesSomeConnections() {
        assertEquals(ConnectionBudget.MIN_CONNECTIONS, ConnectionBudget.maxConnections(8 * MIB));
    }
}
