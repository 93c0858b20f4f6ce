package io.github.whoami.images;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The round trip a node makes: the image pushed to the registry that -Dimages.registry names, then
 * pulled back by its digest, the one name no later push can move, is the image built, and it answers.
 */
class PulledByDigestIT {

    private static final Pattern PUSHED_DIGEST = Pattern.compile("digest: (sha256:[0-9a-f]{64})");
    private static final Duration PUSH_TIMEOUT = Duration.ofMinutes(5);

    private final Docker docker = ImageUnderTest.docker();
    private final String image = ImageUnderTest.image();

    @Test
    void theImagePulledByItsDigestIsTheImageBuiltAndAnswersWithItsContainerName() throws Exception {
        String registry = System.getProperty("images.registry", "");
        Assumptions.assumeFalse(registry.isBlank(),
                "no registry named: -Dimages.registry=HOST[:PORT]/PREFIX runs this test (.ci/run names one)");
        String repository = registry + "/" + image.substring(0, image.indexOf(':'));
        String pushed = repository + ":" + ImageUnderTest.variant().name() + "-pulled-by-digest";
        docker.run("tag", image, pushed);
        Docker.Result push = docker.exec(PUSH_TIMEOUT, "push", pushed);
        assertEquals(0, push.exitCode(), "docker push " + pushed + ": " + push.stderr());
        Matcher digest = PUSHED_DIGEST.matcher(push.stdout());
        assertTrue(digest.find(), "docker push printed no digest: " + push.stdout());
        String byDigest = repository + "@" + digest.group(1);
        // Untagged, the pushed name is gone from the engine: only the registry can resolve the digest.
        docker.run("rmi", pushed);
        try {
            Docker.Result pull = docker.exec(PUSH_TIMEOUT, "pull", byDigest);
            assertEquals(0, pull.exitCode(), "docker pull " + byDigest + ": " + pull.stderr());
            assertEquals(docker.run("image", "inspect", "--format", "{{.Id}}", image),
                    docker.run("image", "inspect", "--format", "{{.Id}}", byDigest),
                    byDigest + " is not the image built as " + image);
            try (Container container = Container.start(docker, byDigest)) {
                ImageUnderTest.assertWhoamiStillAnswers(container);
                System.out.printf("%s: pushed, pulled back as %s, answered as %s%n", image, byDigest, container.name());
            }
        } finally {
            docker.exec(Duration.ofSeconds(30), "rmi", byDigest);
        }
    }
}
