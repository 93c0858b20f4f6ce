package io.github.whoami;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The jlink-based images link the modules {@code images/jlink.args} names, in a build stage that never
 * sees the sources (so a source edit does not link again). This keeps that list true: it must be exactly
 * what {@code jdeps} finds in the packaged jar and its libraries.
 */
class LinkedModulesIT {

    private static final Path JLINK_ARGS = Path.of("..", "images", "jlink.args");

    @Test
    void jlinkArgsAddExactlyTheModulesJdepsFindsInTheAppAndItsLibraries() throws IOException {
        Path jar = Path.of("target", "whoami-app.jar");
        assertTrue(Files.isRegularFile(jar), jar + " is built by the package phase");
        String classPath;
        try (Stream<Path> libs = Files.list(Path.of("target", "libs"))) {
            classPath = libs.map(Path::toString).sorted().collect(Collectors.joining(java.io.File.pathSeparator));
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = ToolProvider.findFirst("jdeps").orElseThrow().run(new PrintWriter(out), new PrintWriter(err),
                "--ignore-missing-deps", "--print-module-deps", "--multi-release", "25", "--recursive",
                "--class-path", classPath, jar.toString());
        assertEquals(0, exit, "jdeps failed: " + err);

        String linked = Files.readAllLines(JLINK_ARGS).stream().map(String::strip)
                .filter(line -> line.startsWith("--add-modules ")).map(line -> line.substring("--add-modules ".length()).strip())
                .findFirst().orElseThrow(() -> new AssertionError(JLINK_ARGS + " has no --add-modules line"));
        assertEquals(out.toString().strip(), linked,
                "images/jlink.args must link what jdeps finds: put jdeps' list on its --add-modules line");
    }
}
