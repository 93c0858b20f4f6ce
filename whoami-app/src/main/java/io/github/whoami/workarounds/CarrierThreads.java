package io.github.whoami.workarounds;

/**
 * Answers the JDK giving virtual threads one carrier thread per CPU, so one under {@code --cpus 1}: the
 * server's virtual threads, one per connection, get at least two carriers, even on one CPU.
 *
 * <p>The JDK gives its virtual-thread scheduler as many carriers as the JVM sees CPUs: one in a container
 * limited to one CPU. With one carrier, a burst of new connections left some of them unanswered for
 * seconds: 1,000 busy keep-alive connections right after start (wrk, one CPU, 128 MB) counted requests
 * with no answer after 5 s in 7 of 12 runs; with two carriers, in none of 10. The second carrier is one
 * more platform thread (docs/production.md#carrier-threads). {@code ConnectionFloodIT}'s burst right after
 * start fails without it in some runs only (two in seven on Helidon 4.5.0, none in seven with it).
 */
public final class CarrierThreads {

    /** The JDK's system property for the number of carriers, read once, when the first virtual thread starts. */
    static final String PARALLELISM = "jdk.virtualThreadScheduler.parallelism";

    static final int MIN_CARRIERS = 2;

    private CarrierThreads() {
    }

    /**
     * Gives the scheduler as many carriers as CPUs, and at least {@value #MIN_CARRIERS}, unless the
     * property is set already (a {@code -D} flag wins). Must run before the first virtual thread starts.
     */
    public static void atLeastTwo() {
        if (System.getProperty(PARALLELISM) == null) {
            System.setProperty(PARALLELISM, String.valueOf(Math.max(MIN_CARRIERS, Runtime.getRuntime().availableProcessors())));
        }
    }
}
