package io.github.whoami.images;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A push that cannot happen, the images' or the comparison's, stops the build before anything is built (images/pom.xml's registry-check,
 * on validate, runs RegistryAddress), with one sentence saying what is wrong and what to do, and no stack
 * trace.
 */
class RegistryAddressIT {

    /** One image module: its validate phase runs docker-check, then registry-check. */
    private static final String IMAGE = "-pl=images/jlink";

    static Stream<Arguments> badRegistries() {
        return Stream.of(
                Arguments.of(List.of(IMAGE, "-Dimages.registry=127.0.0.1:5000/Whoami"),
                        "images.registry is \"127.0.0.1:5000/Whoami\", not HOST[:PORT]/PREFIX with a host docker reads as a registry"),
                Arguments.of(List.of(IMAGE, "-Dimages.registry=http://127.0.0.1:5000/whoami"),
                        "not HOST[:PORT]/PREFIX"),
                Arguments.of(List.of(IMAGE, "-Dimages.registry=registry/whoami"),
                        "images.registry is \"registry/whoami\", not HOST[:PORT]/PREFIX with a host docker reads as a registry (a dot or a port in it, or localhost)"),
                // Port 1: nothing listens there.
                Arguments.of(List.of(IMAGE, "-Dimages.registry=127.0.0.1:1/whoami"),
                        "No registry answers at 127.0.0.1:1: start one (ci/local-registry.sh, or docker run -d -p 127.0.0.1:5000:5000 registry:2), or name one with -Dimages.registry=HOST:PORT/PREFIX."),
                Arguments.of(List.of(IMAGE, "-Dimages.registry=127.0.0.1:1/whoami", "-Dimages.skip"),
                        "-Dimages.skip builds no image, so there is none to push to 127.0.0.1:1/whoami: drop -Dimages.skip"),
                // The comparison's registry, checked by the root pom before any module builds.
                Arguments.of(List.of("-N", "-Pcompare", "-Dcompare.registry=127.0.0.1:1/whoami"),
                        "No registry answers at 127.0.0.1:1: start one (ci/local-registry.sh, or docker run -d -p 127.0.0.1:5000:5000 registry:2), or name one with -Dcompare.registry=HOST:PORT/PREFIX."));
    }

    @ParameterizedTest
    @MethodSource("badRegistries")
    void aRegistryThatCannotTakeThePushStopsTheBuildWithOneSentence(List<String> arguments, String sentence)
            throws IOException, InterruptedException {
        Path root = Path.of(System.getProperty("maven.multiModuleProjectDirectory", "..")).toAbsolutePath();
        List<String> command = new ArrayList<>(List.of(root.resolve("mvnw").toString(), "-B", "-ntp",
                "validate", "-Ddocker.executable=" + System.getProperty("docker.executable", "docker")));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().remove("MAVEN_ARGS");
        Process maven = builder.start();
        maven.getOutputStream().close();
        String output = new String(maven.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(maven.waitFor(2, TimeUnit.MINUTES), "mvnw did not end");

        assertNotEquals(0, maven.exitValue(), output);
        assertTrue(output.contains(sentence), "expected \"" + sentence + "\" in:\n" + output);
        assertFalse(output.contains("\tat "), "a stack trace:\n" + output);
        assertFalse(output.contains("docker-build") || output.contains("Pushed"), "built or pushed:\n" + output);
    }
}
