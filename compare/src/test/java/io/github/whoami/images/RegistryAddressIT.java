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
 * A push that cannot happen stops the build before anything is built (images/pom.xml's registry-check,
 * on validate), with one sentence saying what is wrong and what to do, and no stack trace.
 */
class RegistryAddressIT {

    static Stream<Arguments> badRegistries() {
        return Stream.of(
                Arguments.of(List.of("-Dimages.registry=127.0.0.1:5000/Whoami"),
                        "-Dimages.registry=127.0.0.1:5000/Whoami is not a registry address: give HOST[:PORT]/PREFIX in lower case"),
                Arguments.of(List.of("-Dimages.registry=http://127.0.0.1:5000/whoami"),
                        "is not a registry address"),
                // Port 1: nothing listens there.
                Arguments.of(List.of("-Dimages.registry=127.0.0.1:1/whoami"),
                        "No registry answers at 127.0.0.1:1 (https or http, /v2/): start it"),
                Arguments.of(List.of("-Dimages.registry=127.0.0.1:1/whoami", "-Dimages.skip"),
                        "-Dimages.skip builds no image, so there is none to push to 127.0.0.1:1/whoami: drop -Dimages.skip"));
    }

    @ParameterizedTest
    @MethodSource("badRegistries")
    void aRegistryThatCannotTakeThePushStopsTheBuildWithOneSentence(List<String> properties, String sentence)
            throws IOException, InterruptedException {
        Path root = Path.of(System.getProperty("maven.multiModuleProjectDirectory", "..")).toAbsolutePath();
        List<String> command = new ArrayList<>(List.of(root.resolve("mvnw").toString(), "-B", "-ntp",
                "-pl", "images/jlink", "validate", "-Ddocker.executable=" + System.getProperty("docker.executable", "docker")));
        command.addAll(properties);
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
