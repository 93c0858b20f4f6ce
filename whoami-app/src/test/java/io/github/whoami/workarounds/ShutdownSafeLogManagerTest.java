package io.github.whoami.workarounds;

import java.util.logging.LogManager;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The reset ShutdownSafeLogManager ignores is exactly the one JUL's shutdown hook makes, named by the
 * JDK's own class: a JDK that renames its hook's thread fails here rather than losing the shutdown's
 * log lines unseen.
 */
class ShutdownSafeLogManagerTest {

    @Test
    void theIgnoredResetIsTheOneOnJulsShutdownHookThread() throws ClassNotFoundException {
        Class<?> hook = Class.forName(ShutdownSafeLogManager.JUL_SHUTDOWN_HOOK);

        assertEquals(LogManager.class, hook.getEnclosingClass());
        assertEquals(Thread.class, hook.getSuperclass(), "JUL's shutdown hook is a thread of its own class");
    }
}
