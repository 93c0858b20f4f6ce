package io.github.whoami.workarounds;

import java.util.logging.LogManager;

/**
 * Keeps logging alive while the JVM shuts down, so that the server's shutdown is in the logs: JUL's
 * own shutdown hook resets the LogManager concurrently with the others (JDK-8161253).
 *
 * <p>On SIGTERM the JVM runs its shutdown hooks concurrently and in no set order: JUL's hook closes every
 * handler, while Helidon's hook stops the server and logs "Shutdown requested" ... "Shutdown finished".
 * Whichever runs first wins, so those lines are lost on some runs (seen: ImageIT's and SignalsIT's
 * docker stop checks on the scratch image, one CI run in four, without this class). This manager
 * ignores the reset that comes from JUL's hook; every other reset (such as the one reading the
 * configuration does) goes through. Installed by {@link Workarounds#beforeStart()}, before anything logs.
 */
public final class ShutdownSafeLogManager extends LogManager {

    /** The thread JUL's shutdown hook runs on, {@code LogManager.Cleaner}. */
    static final String JUL_SHUTDOWN_HOOK = LogManager.class.getName() + "$Cleaner";

    /** Created by {@link LogManager} itself, from the {@code java.util.logging.manager} system property. */
    public ShutdownSafeLogManager() {
    }

    /** Makes the JVM create this manager: before the first logger, which creates the LogManager. */
    static void install() {
        System.setProperty("java.util.logging.manager", ShutdownSafeLogManager.class.getName());
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
