package io.github.whoami;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.helidon.config.Config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sources Main names, in the order Config.create() gave them. */
class MainConfigTest {

    @Test
    void applicationPropertiesInTheJarGiveTheDefaults() {
        Config config = Main.config();
        assertEquals(8080, config.get("server.port").asInt().get());
        assertEquals(Duration.ofSeconds(10), config.get("whoami.request-head-timeout").as(Duration.class).get());
    }

    @Test
    void aWorkingDirectoryFileOverridesTheJarsKeyByKey(@TempDir Path workingDirectory) throws IOException {
        Path overrides = Files.writeString(workingDirectory.resolve("application.properties"), "server.port=9090\n");
        Config config = Main.config(overrides);
        assertEquals(9090, config.get("server.port").asInt().get());
        // A key the file leaves out keeps the jar's value.
        assertEquals(Duration.ofSeconds(10), config.get("whoami.request-head-timeout").as(Duration.class).get());
    }

    @Test
    void aSystemPropertyWinsOverTheFile() {
        System.setProperty("server.idle-connection-period", "PT2S");
        try {
            assertEquals(Duration.ofSeconds(2),
                    Main.config().get("server.idle-connection-period").as(Duration.class).get());
        } finally {
            System.clearProperty("server.idle-connection-period");
        }
    }

    @Test
    void anEnvironmentVariableIsReadUnderItsKey() {
        // PATH is set wherever the tests run; Helidon maps every variable to a key of its lower-cased name.
        assertEquals(System.getenv("PATH"), Main.config().get("path").asString().get());
    }
}
