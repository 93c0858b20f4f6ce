package io.github.whoami.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The cache ids a Dockerfile names, and which of the engine's records belong to them. */
class CacheMountsTest {

    private static final Path ROOT = Path.of(System.getProperty("maven.multiModuleProjectDirectory", ".."));

    @Test
    void everyDockerfileNamesTheOneMavenCache() throws Exception {
        List<Path> dockerfiles;
        try (var variants = Files.list(ROOT.resolve("images"))) {
            dockerfiles = variants.map(folder -> folder.resolve("Dockerfile")).filter(Files::isRegularFile).toList();
        }
        assertFalse(dockerfiles.isEmpty(), "no Dockerfile under " + ROOT.resolve("images"));
        for (Path dockerfile : dockerfiles) {
            assertEquals(Set.of("maven-repository"), CacheMounts.named(Files.readString(dockerfile)), dockerfile.toString());
        }
    }

    @Test
    void aRecordBelongsToTheIdAtTheEndOfItsDescription() {
        Set<String> ids = CacheMounts.named("RUN --mount=type=cache,id=maven-repository,target=/root/.m2/repository \\\n"
                + "    mvn -B package\nRUN --mount=type=cache,target=/root/.cache/go-build go build .\n");
        assertEquals(Set.of("maven-repository"), ids, "a mount without an id names none");
        assertTrue(mount("cached mount /root/.m2/repository from exec /bin/sh -c mvn -B package with id \"/maven-repository\"")
                .isOneOf(ids));
        assertFalse(mount("cached mount /root/.m2/repository from exec /bin/sh -c mvn -B package with id \"/maven-repository-2\"")
                .isOneOf(ids));
        assertFalse(mount("cached mount /root/.cache/go-build from exec go build . with id \"//root/.cache/go-build\"")
                .isOneOf(ids));
    }

    @Test
    void aRecordIsOlderThanABuildOnlyBeforeTheSecondTheBuildBegan() {
        Instant created = Instant.parse("2026-12-07T13:21:03Z");
        CacheMounts.Mount mount = new CacheMounts.Mount("r1", "with id \"/maven-repository\"", created);

        assertFalse(mount.madeBefore(Instant.parse("2026-12-07T13:21:03.900Z")), "\"Created at\" is read to the second");
        assertTrue(mount.madeBefore(Instant.parse("2026-12-07T13:21:04Z")));
        assertTrue(new CacheMounts.Mount("r1", "", null).madeBefore(created), "a time not given counts as older");
    }

    private static CacheMounts.Mount mount(String description) {
        return new CacheMounts.Mount("r1", description, Instant.EPOCH);
    }
}
