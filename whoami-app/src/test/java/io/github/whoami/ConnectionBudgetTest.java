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
    void theHeapOfA128MegabyteContainerHolds2240Connections() {
        // images/jvm.options at --memory 128m: Runtime.maxMemory() is 40,304,640 bytes (40 MiB less a survivor space).
        assertEquals(2_240, ConnectionBudget.maxConnections(40_304_640));
    }

    @Test
    void theHeapOfA512MegabyteContainerHolds11219Connections() {
        // images/jvm.options at --memory 512m: Runtime.maxMemory() is 159,842,304 bytes.
        assertEquals(11_219, ConnectionBudget.maxConnections(159_842_304));
    }

    @Test
    void aHeapSmallerThanTheReserveStillTakesSomeConnections() {
        assertEquals(ConnectionBudget.MIN_CONNECTIONS, ConnectionBudget.maxConnections(8 * MIB));
    }
}
