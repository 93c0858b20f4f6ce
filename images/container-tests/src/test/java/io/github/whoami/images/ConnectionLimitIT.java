package io.github.whoami.images;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The connection limit this module's image announces on its start line under {@code --memory 128m} is
 * the budget of the heap its own JVM reports there: the heap from {@code -XX:+PrintFlagsFinal}, the
 * budget's terms from the start line, nothing from constants here.
 */
class ConnectionLimitIT {

    @Test
    void theStartLineLimitIsTheBudgetOfTheHeapTheJvmReportsUnder128Megabytes() throws Exception {
        String logs;
        StartLine line;
        try (Container server = Container.start(ImageUnderTest.docker(), ImageUnderTest.image(), "--memory", "128m",
                "--env", "JAVA_TOOL_OPTIONS=-XX:+PrintFlagsFinal")) {
            line = StartLine.of(server);
            logs = server.logs();
        }
        long maxHeap = flag(logs, "MaxHeapSize");
        long maxYoung = flag(logs, "MaxNewSize");
        System.out.printf("%s: --memory 128m: MaxHeapSize %d, MaxNewSize %d; the server sized %d connections by a heap "
                        + "of %d bytes, less %d kept, %d each%n", ImageUnderTest.image(), maxHeap, maxYoung, line.limit(),
                line.heap(), line.kept(), line.perConnection());
        // Runtime.maxMemory() is the heap less the survivor space that is always empty: less than the
        // young generation.
        assertTrue(line.heap() <= maxHeap && line.heap() > maxHeap - maxYoung, "the server sized its limit by a heap of "
                + line.heap() + " bytes, where the JVM reports MaxHeapSize " + maxHeap + " and MaxNewSize " + maxYoung);
        assertTrue(line.perConnection() > 0 && line.kept() > 0 && line.kept() < line.heap(), line.toString());
        assertEquals((line.heap() - line.kept()) / line.perConnection(), line.limit(),
                "the connection limit of a " + line.heap() + "-byte heap");
    }

    /** A flag's value as -XX:+PrintFlagsFinal prints it: {@code type name = value {origin}}. */
    private static long flag(String logs, String name) {
        Matcher line = Pattern.compile("^\\s*\\w+\\s+" + name + "\\s+:?=\\s+(\\d+)", Pattern.MULTILINE).matcher(logs);
        assertTrue(line.find(), name + " not printed: " + logs);
        return Long.parseLong(line.group(1));
    }
}
