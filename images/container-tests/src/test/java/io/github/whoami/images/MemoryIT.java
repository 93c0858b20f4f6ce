package io.github.whoami.images;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import static io.github.whoami.images.ImageUnderTest.assertWhoamiStillAnswers;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Memory under the limit production sets, {@code --memory 128m}: the heap the image's flags (its
 * jvm.options) give the JVM there, and load on one CPU with no error and no OOM kill.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MemoryIT {

    private final Docker docker = ImageUnderTest.docker();
    private final String image = ImageUnderTest.image();
    private final int loadSeconds = Integer.getInteger("hardening.load.seconds", 30);

    /**
     * What the JVM printed as the image's own ENTRYPOINT started it under {@code --memory 128m}, asked
     * to log how it sized the heap and every flag's final value: one start for the tests that read them.
     */
    private static String limitedStartLogs;

    @BeforeAll
    static void startOnceUnderThe128MegabyteLimit() throws Exception {
        try (Container limited = Container.start(ImageUnderTest.docker(), ImageUnderTest.image(), "--memory", "128m",
                "--env", "JAVA_TOOL_OPTIONS=-Xlog:gc+init -XX:+PrintFlagsFinal")) {
            limitedStartLogs = limited.logs();
        }
    }

    @Test
    @Order(1)
    void theHeapIs30PercentOfThe128MegabyteLimit() {
        // The trap the image's flags avoid: under ~250 MB of memory the JVM sizes the heap by
        // MinRAMPercentage (50%) and ignores MaxRAMPercentage, so MaxRAMPercentage=30 alone gives 64 MB.
        Matcher heap = Pattern.compile("Heap Max Capacity: (\\d+)M").matcher(limitedStartLogs);
        assertTrue(heap.find(), limitedStartLogs);
        assertEquals(40, Integer.parseInt(heap.group(1)), "MB of heap at --memory 128m: " + heap.group());
    }

    @Test
    @Order(2)
    void theServerRunsTheJitItsVariantDeclaresAndAFixedYoungGeneration() {
        boolean c1Only = ImageUnderTest.variant().c1Only();
        // c2: no tiers, C2 alone (3 MiB of code); c1: tiers stopped at level 1, C1 alone, for start-up.
        assertEquals(c1Only ? "true" : "false", flag("TieredCompilation"), "TieredCompilation");
        if (c1Only) {
            assertEquals("1", flag("TieredStopAtLevel"), "TieredStopAtLevel");
        }
        assertEquals(String.valueOf(8 << 20), flag("NewSize"), "NewSize");
        assertEquals(String.valueOf(8 << 20), flag("MaxNewSize"), "MaxNewSize");
        assertEquals("3", flag("SurvivorRatio"), "SurvivorRatio");
    }

    /** A flag's value as -XX:+PrintFlagsFinal prints it: {@code type name = value {origin}}. */
    private static String flag(String name) {
        Matcher line = Pattern.compile("^\\s*\\w+\\s+" + name + "\\s+:?=\\s+(\\S+)", Pattern.MULTILINE)
                .matcher(limitedStartLogs);
        assertTrue(line.find(), name + " not printed: " + limitedStartLogs);
        return line.group(1);
    }

    @Test
    @Order(3)
    void loadUnder128MegabytesAndOneCpuHasNoErrorsAndNoOomKill() throws Exception {
        try (Container server = ImageUnderTest.startAsInProduction()) {
            Wrk wrk = Wrk.run(2, 64, loadSeconds, "http://127.0.0.1:" + server.port() + "/whoami");
            boolean running = Boolean.parseBoolean(server.inspect("{{.State.Running}}"));
            String oomKilled = server.inspect("{{.State.OOMKilled}}");
            long rssKib = running ? docker.largestRssKib(server.name()) : -1;
            // The JVM's RSS counts the pages of files it maps (libjvm, the modules image), which the kernel
            // can drop; docker stats shows what the container's memory limit is measured against.
            String containerMemory = running ? server.memoryUsage() : "-";
            System.out.printf("%s: wrk %d s, 64 connections, --memory 128m --cpus 1: %,.0f req/s, %d socket errors, "
                            + "%d non-2xx, OOMKilled %s, RSS after load %.1f MiB, container memory %s%n", image, loadSeconds,
                    wrk.requestsPerSecond(), wrk.socketErrors(), wrk.non2xx(), oomKilled, rssKib / 1024.0, containerMemory);
            assertEquals("false", oomKilled, "the kernel OOM-killed the server: " + server.logs());
            assertTrue(running, "the server stopped under load: " + server.logs());
            assertTrue(wrk.rated(), "wrk printed no rate:\n" + wrk.output());
            assertEquals(0, wrk.errors(), wrk.output());
            assertWhoamiStillAnswers(server);
        }
    }
}
