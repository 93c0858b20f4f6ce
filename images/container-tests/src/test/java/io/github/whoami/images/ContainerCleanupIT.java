package io.github.whoami.images;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The container tests leave no container behind, also when a container never answers: the case where
 * no test gets a container to remove.
 */
class ContainerCleanupIT {

    private final Docker docker = ImageUnderTest.docker();
    private final String image = ImageUnderTest.image();

    @Test
    void aContainerThatNeverAnswersIsRemovedAndTheTestFails() {
        List<String> before = containersOfTheImage();
        // Port 1 is privileged: the server, as user 10001, cannot bind it and exits at once.
        AssertionError failure = assertThrows(AssertionError.class,
                () -> Container.start(docker, image, "--env", "SERVER_PORT=1"));
        System.out.printf("%s: a container that cannot start: %s%n", image, failure.getMessage().lines().findFirst().orElse(""));
        assertEquals(before, containersOfTheImage(), "containers of " + image + " left behind");
    }

    private List<String> containersOfTheImage() {
        return docker.run("ps", "--all", "--quiet", "--filter", "ancestor=" + image).lines().sorted().toList();
    }
}
