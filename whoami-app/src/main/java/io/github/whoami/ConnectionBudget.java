package io.github.whoami;

/**
 * How many connections the server holds at once: as many as its heap has room for, so that no number of
 * clients can fill the heap with connections and end the process with an {@code OutOfMemoryError}.
 *
 * <p>Past the limit Helidon stops accepting: new connections wait in the kernel's accept queue, which
 * costs the JVM nothing, and are taken as held ones close. The figures come from heap histograms of a
 * server holding 1,000 connections ({@code ConnectionCostIT}, docs/production.md#connections-and-memory).
 */
final class ConnectionBudget {

    /**
     * The most heap one held connection was seen to cost ({@code ConnectionCostIT}: a request in flight,
     * 17.5 KB), with a margin of about 15%: the parked virtual thread's stack varies from run to run. Most
     * of it is the 8 KiB read buffer Helidon's blocking socket keeps for each connection, which no Helidon
     * setting sizes.
     */
    static final long HEAP_PER_CONNECTION = 20 * 1024;

    /** Heap kept for everything but the held connections: the server's own live data (6.4 MB), and room for garbage. */
    static final long HEAP_RESERVE = 10 * 1024 * 1024;

    /** However small the heap, this many connections are taken. */
    static final int MIN_CONNECTIONS = 64;

    private ConnectionBudget() {
    }

    /**
     * @param maxHeapBytes the heap the JVM may grow to ({@code Runtime.maxMemory()})
     * @return the number of connections that heap holds
     */
    static int maxConnections(long maxHeapBytes) {
        return (int) Math.max(MIN_CONNECTIONS, (maxHeapBytes - HEAP_RESERVE) / HEAP_PER_CONNECTION);
    }

    /**
     * The terms the start line gives the limit in, so that a test of the image can check it against the
     * heap the JVM reports: {@code a heap of 40304640 bytes, less 10485760 kept, 20480 each}.
     *
     * @param maxHeapBytes the heap the JVM may grow to ({@code Runtime.maxMemory()})
     * @return the heap, the reserve and the cost of a connection, in bytes
     */
    static String terms(long maxHeapBytes) {
        return "a heap of " + maxHeapBytes + " bytes, less " + HEAP_RESERVE + " kept, " + HEAP_PER_CONNECTION + " each";
    }
}
