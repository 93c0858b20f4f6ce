package io.github.whoami.images;

import java.net.http.HttpResponse;

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
}
