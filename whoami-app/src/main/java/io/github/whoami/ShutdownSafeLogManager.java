package io.github.whoami;

import java.util.logging.LogManager;

/**
 * Keeps logging alive while the JVM shuts down, so that the server's shutdown is in the logs.
 *
 * <p>On SIGTERM the JVM runs its shutdown hooks concurrently and in no set order: JUL's own hook resets
 * the {@link LogManager}, closing every handler, while Helidon's hook stops the server and logs
 * "Shutdown requested" ... "Shutdown finished". Whichever runs first wins, so those lines were lost on
 * some runs. This manager ignores the reset that comes from JUL's hook; every other reset (such as the
 * one reading the configuration does) goes through. Main installs it before anything logs.
 */
public final class ShutdownSafeLogManager extends LogManager {

    /** The thread JUL's shutdown hook runs on, {@code LogManager.Cleaner}. */
    private static final String JUL_SHUTDOWN_HOOK = LogManager.class.getName() + "$Cleaner";

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
