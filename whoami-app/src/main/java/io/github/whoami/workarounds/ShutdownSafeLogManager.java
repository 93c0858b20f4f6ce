package io.github.whoami.workarounds;

import java.util.logging.LogManager;

/**
 * Keeps logging alive while the JVM shuts down, so that the server's shutdown is in the logs: JUL's
 * own shutdown hook resets the LogManager concurrently with the others (JDK-8161253).
 *
 * <p>On SIGTERM the JVM starts its shutdown hooks together, in no set order: JUL's hook closes every
 * handler, while Helidon's hook stops the server and logs "Shutdown requested" ... "Shutdown finished".
 * Helidon guards against this (helidon-io/helidon#5910): a handler whose close joins Helidon's hook
 * thread. That join returns at once when JUL's hook runs before the JVM has started Helidon's, and the
 * lines are lost: seen in 20 of 300 {@code docker stop}s of the scratch image (ImageIT, PodSettingsIT
 * and SignalsIT fail), none of 100 with this class. This manager ignores the reset that comes from JUL's
 * hook; every other reset (such as the one reading the configuration does) goes through.
 * {@code ShutdownSafeLogManagerTest} fails without it.
 *
 * <p>The JDK creates the manager that {@code java.util.logging.manager} names when it initializes
 * {@link LogManager}, once: {@link Workarounds#beforeStart()} sets that property before anything logs.
 * Not a static method here: calling one initializes this class, and so {@link LogManager} before it,
 * which then reads the property before it is set.
 */
public final class ShutdownSafeLogManager extends LogManager {

    /** The thread JUL's shutdown hook runs on, {@code LogManager.Cleaner}. */
    static final String JUL_SHUTDOWN_HOOK = LogManager.class.getName() + "$Cleaner";

    /** Created by {@link LogManager} itself, from the {@code java.util.logging.manager} system property. */
    public ShutdownSafeLogManager() {
    }

    @Override
    public void reset() {
        if (Thread.currentThread().getClass().getName().equals(JUL_SHUTDOWN_HOOK)) {
            // The handlers write to stdout and flush on every record: nothing is lost by leaving them open.
            return;
        }
        super.reset();
    }
}
