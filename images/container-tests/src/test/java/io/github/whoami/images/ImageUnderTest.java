package io.github.whoami.images;

import java.net.http.HttpResponse;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The image this module built, as failsafe names it (system properties set in images/pom.xml), and what
 * the container tests do with it alike.
 */
final class ImageUnderTest {

    private ImageUnderTest() {
    }

    static Docker docker() {
        return new Docker(System.getProperty("docker.executable", "docker"));
    }

    /** repository:variant. */
    static String image() {
        return System.getProperty("image.name");
    }

    /** What the module's pom declares of its variant. */
    static Variant variant() {
        return Variant.from(System::getProperty);
    }

    /** A container run as production would run it: {@code --memory 128m --cpus 1}. */
    static Container startAsInProduction() throws Exception {
        return Container.start(docker(), image(), "--memory", "128m", "--cpus", "1");
    }

    /** /whoami still answers 200 with the container's name. */
    static void assertWhoamiStillAnswers(Container server) throws Exception {
        HttpResponse<String> response = server.get("/whoami", "*/*");
        assertEquals(200, response.statusCode());
        assertEquals(server.name(), response.body());
    }

    /**
     * Where the variant has a HEALTHCHECK, waits until it reports healthy; where its pom declares none
     * (image.healthcheck false: Jib writes none), checks that the image has none and the engine keeps no
     * health status for the container.
     */
    static void assertHealthyAsDeclared(Container container, Duration timeout) throws Exception {
        if (variant().healthcheck()) {
            assertEquals("healthy", container.awaitHealth("healthy", timeout),
                    "health log: " + container.inspect("{{json .State.Health.Log}}"));
        } else {
            assertHasNoHealthcheck(container);
        }
    }

    /** The image declares no HEALTHCHECK, so the engine has none to run for the container. */
    static void assertHasNoHealthcheck(Container container) {
        assertEquals("null", docker().run("image", "inspect", "--format", "{{json .Config.Healthcheck}}", image()),
                image() + " has a HEALTHCHECK, but its pom says image.healthcheck false");
        assertEquals("null", container.inspect("{{json .State.Health}}"), "a health status without a HEALTHCHECK");
    }
}
