package io.github.whoami.images;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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

    /**
     * One image module: its validate phase runs docker-check, then registry-check. Its container-tests
     * dependency is built in the same child run ({@code -am}, packaged without running tests), as a new
     * machine has none in its Maven repository; the build stops at jlink's validate, before any image.
     */
    private static final String IMAGE = "-pl=images/jlink";
    private static final List<String> IMAGE_BUILD = List.of("package", "-am", "-DskipTests");
    /** Five child builds, each compiling container-tests first: minutes on a slow machine, not ten. */
    private static final Duration CHILD_BUILD_LIMIT = Duration.ofMinutes(4);

    static Stream<Arguments> badRegistries() {
        return Stream.of(
                Arguments.of(image("-Dimages.registry=127.0.0.1:5000/Whoami"),
                        "images.registry is \"127.0.0.1:5000/Whoami\", not HOST[:PORT]/PREFIX with a host docker reads as a registry"),
                Arguments.of(image("-Dimages.registry=http://127.0.0.1:5000/whoami"),
                        "not HOST[:PORT]/PREFIX"),
                Arguments.of(image("-Dimages.registry=registry/whoami"),
                        "images.registry is \"registry/whoami\", not HOST[:PORT]/PREFIX with a host docker reads as a registry (a dot or a port in it, or localhost)"),
                // Port 1: nothing listens there.
                Arguments.of(image("-Dimages.registry=127.0.0.1:1/whoami"),
                        "No registry answers at 127.0.0.1:1: start one (ci/local-registry.sh, or docker run -d -p 127.0.0.1:5000:5000 registry:2), or name one with -Dimages.registry=HOST:PORT/PREFIX."),
                Arguments.of(image("-Dimages.registry=127.0.0.1:1/whoami", "-Dimages.skip"),
                        "-Dimages.skip builds no image, so there is none to push to 127.0.0.1:1/whoami: drop -Dimages.skip"),
                // The comparison's registry, checked by the root pom before any module builds.
                Arguments.of(List.of("validate", "-N", "-Pcompare", "-Dcompare.registry=127.0.0.1:1/whoami"),
                        "No registry answers at 127.0.0.1:1: start one (ci/local-registry.sh, or docker run -d -p 127.0.0.1:5000:5000 registry:2), or name one with -Dcompare.registry=HOST:PORT/PREFIX."));
    }

    private static List<String> image(String... arguments) {
        List<String> all = new ArrayList<>(IMAGE_BUILD);
        all.add(IMAGE);
        all.addAll(List.of(arguments));
        return all;
    }

    @ParameterizedTest
    @MethodSource("badRegistries")
    void aRegistryThatCannotTakeThePushStopsTheBuildWithOneSentence(List<String> arguments, String sentence)
            throws IOException, InterruptedException {
        Path root = Path.of(System.getProperty("maven.multiModuleProjectDirectory", "..")).toAbsolutePath();
        List<String> command = new ArrayList<>(List.of(root.resolve("mvnw").toString(), "-B", "-ntp",
                "-Ddocker.executable=" + System.getProperty("docker.executable", "docker")));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().remove("MAVEN_ARGS");
        Path log = Files.createTempFile("registry-address", ".log");
        builder.redirectOutput(log.toFile());
        Process maven = builder.start();
        maven.getOutputStream().close();
        boolean ended = maven.waitFor(CHILD_BUILD_LIMIT.toSeconds(), TimeUnit.SECONDS);
        if (!ended) {
            maven.descendants().forEach(ProcessHandle::destroyForcibly);
            maven.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Files.delete(log);
        assertTrue(ended, "mvnw did not end within " + CHILD_BUILD_LIMIT + ":\n" + output);

        assertNotEquals(0, maven.exitValue(), output);
        assertTrue(output.contains(sentence), "expected \"" + sentence + "\" in:\n" + output);
        assertFalse(output.contains("\tat "), "a stack trace:\n" + output);
        assertFalse(output.contains("docker-build") || output.contains("Pushed"), "built or pushed:\n" + output);
    }
}
