package io.github.whoami.images;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * How a hardened cluster runs the image, each on a container of its own: a read-only root file system
 * with no tmpfs, and an arbitrary UID in group root, as OpenShift assigns one.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReadOnlyRootAndUsersIT {

    private final Docker docker = ImageUnderTest.docker();
    private final String image = ImageUnderTest.image();

    @Test
    @Order(1)
    void runsWithAReadOnlyRootFileSystemAndNoTmpfs() throws Exception {
        // The JVM would keep its perf data (hsperfdata, for jstat) and attach socket (for jcmd) in /tmp;
        // without a writable /tmp it runs without them and says nothing. Add --tmpfs /tmp to use those tools.
        try (Container readOnly = Container.start(docker, image, "--read-only", "--health-interval", "1s")) {
            assertEquals("true", readOnly.inspect("{{.HostConfig.ReadonlyRootfs}}"));
            assertEquals(readOnly.name(), readOnly.get("/whoami", "*/*").body());
            // The health probe runs read-only too, where the variant has one.
            ImageUnderTest.assertHealthyAsDeclared(readOnly, Duration.ofSeconds(30));
            assertFalse(readOnly.logs().matches("(?s).*(WARNING|Warning:|Exception).*"), readOnly.logs());
        }
    }

    @Test
    @Order(2)
    void theAppsFilesAreRootsAndWorldReadableSoAnyUidReadsThemAndNoneWritesThem() {
        // tar -tv --numeric-owner: "-rw-r--r-- 0/0 1234 2026-11-23 00:00 app/whoami-app.jar"
        List<String> app = docker.listFilesVerbose(image).stream()
                .filter(line -> line.matches(".* (\\./)?app/.+")).toList();
        assertFalse(app.isEmpty(), "files under /app in " + image);
        for (String line : app) {
            String[] fields = line.split("\\s+");
            String mode = fields[0];
            assertEquals("0/0", fields[1], "root's: " + line);
            if (mode.charAt(0) == 'l') {
                continue; // a link's own mode means nothing; its target is checked
            }
            assertEquals('r', mode.charAt(7), "readable by any user: " + line);
            assertFalse(mode.charAt(5) == 'w' || mode.charAt(8) == 'w', "writable by no one but root: " + line);
            if (mode.charAt(0) == 'd') {
                assertEquals('x', mode.charAt(9), "a folder any user can enter: " + line);
            }
        }
    }

    @Test
    @Order(3)
    void runsAsAnArbitraryUidInGroupRootAsOpenShiftDoes() throws Exception {
        try (Container arbitrary = Container.start(docker, image, "--user", "12345:0", "--health-interval", "1s")) {
            assertEquals(arbitrary.name(), arbitrary.get("/whoami", "*/*").body());
            assertEquals(List.of("12345"), docker.top(arbitrary.name(), "uid").stream().distinct().toList());
            ImageUnderTest.assertHealthyAsDeclared(arbitrary, Duration.ofSeconds(30));
        }
    }
}
