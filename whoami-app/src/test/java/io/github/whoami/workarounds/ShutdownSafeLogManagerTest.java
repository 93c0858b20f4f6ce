package io.github.whoami.workarounds;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.LogManager;

import io.helidon.logging.common.LogConfig;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A line logged after JUL's shutdown hook ran still reaches the output, in a JVM of its own set up as
 * {@code Main} sets it up. Without ShutdownSafeLogManager (or with it installed too late, after the JDK
 * created its LogManager) the line is lost on every run: the probe waits for JUL's hook to finish
 * before it logs, the order that loses Helidon's shutdown lines on some {@code docker stop}s.
 */
class ShutdownSafeLogManagerTest {

    private static final String AFTER_JULS_HOOK = "logged after JUL's shutdown hook finished";

    @Test
    void theIgnoredResetIsTheOneOnJulsShutdownHookThread() throws ClassNotFoundException {
        Class<?> hook = Class.forName(ShutdownSafeLogManager.JUL_SHUTDOWN_HOOK);

        assertEquals(LogManager.class, hook.getEnclosingClass());
        assertEquals(Thread.class, hook.getSuperclass(), "JUL's shutdown hook is a thread of its own class");
    }

    @Test
    void aLineLoggedAfterJulsShutdownHookFinishedStillReachesTheOutput() throws Exception {
        List<String> output = runProbe();

        assertTrue(output.contains("LogManager: " + ShutdownSafeLogManager.class.getName()),
                "Workarounds.beforeStart() makes the JDK create ShutdownSafeLogManager; output: " + output);
        assertTrue(output.stream().anyMatch(line -> line.endsWith(AFTER_JULS_HOOK)),
                "the line logged after JUL's shutdown hook is in the output: " + output);
    }

    /** Runs {@link Probe} in a JVM of its own, on this test's class path; returns its output's lines. */
    private static List<String> runProbe() throws IOException, InterruptedException {
        Process probe = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Probe.class.getName())
                .redirectErrorStream(true).start();
        assertTrue(probe.waitFor(30, TimeUnit.SECONDS), "the probe exits within 30 s");
        String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, probe.exitValue(), output);
        return output.lines().toList();
    }

    /**
     * Sets up logging as {@code Main} does, then exits with a shutdown hook of its own that logs once
     * JUL's hook has finished.
     */
    static final class Probe {

        public static void main(String[] args) {
            Workarounds.beforeStart();
            LogConfig.configureRuntime();
            System.out.println("LogManager: " + LogManager.getLogManager().getClass().getName());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                awaitJulsShutdownHook();
                System.getLogger(Probe.class.getName()).log(System.Logger.Level.INFO, AFTER_JULS_HOOK);
            }));
        }

        /**
         * The JVM starts every shutdown hook at once: joins JUL's while it runs. Not seen within a second,
         * it has already finished, as it started with this one.
         */
        private static void awaitJulsShutdownHook() {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
            try {
                while (System.nanoTime() < deadline) {
                    for (Thread thread : Thread.getAllStackTraces().keySet()) {
                        if (thread.getClass().getName().equals(ShutdownSafeLogManager.JUL_SHUTDOWN_HOOK)) {
                            thread.join(10_000);
                            return;
                        }
                    }
                    Thread.sleep(1);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
