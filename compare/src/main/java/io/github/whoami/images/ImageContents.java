package io.github.whoami.images;

import java.io.IOException;
import java.util.List;

/**
 * The image-contents step: an image's size and layers (read from {@code docker save}, {@link ImageLayers}),
 * what it adds to its base, and its attack surface: a shell, a package manager, javac, Maven, a
 * HEALTHCHECK, the executables it ships.
 */
final class ImageContents {

    /** A shell, as {@code tar -tv} lists it: /bin/sh or /usr/bin/sh, a file or a link. */
    private static final String SHELL = ".* (\\./)?(usr/)?bin/sh( -> .*)?$";
    private static final String PACKAGE_MANAGER = ".* (\\./)?(usr/)?s?bin/(apt-get|dpkg|apk)( -> .*)?$";
    private static final String JAVAC = ".*/bin/javac( -> .*)?$";
    private static final String MAVEN = ".*/bin/mvn( -> .*)?$";

    private final Engine docker;
    private final Problems problems;

    ImageContents(Engine docker, Problems problems) {
        this.docker = docker;
        this.problems = problems;
    }

    /** What {@code image}, the variant's, holds; a HEALTHCHECK its pom does not declare is a problem. */
    Measurement.Contents measure(Variant variant, String image) throws IOException, InterruptedException {
        String base = variant.runtimeBase();
        ImageLayers layers = ImageLayers.of(docker, image);
        // FROM scratch is no image: nothing to pull, and nothing under the app.
        String baseId = "(none: an empty image)";
        long baseSize = 0;
        if (!variant.fromScratch()) {
            baseSize = ImageLayers.of(docker, base).bytes();
            baseId = docker.run("image", "inspect", "--format", "{{.Id}} {{range .RepoDigests}}{{.}} {{end}}", base);
        }
        List<String> files = docker.listFilesVerbose(image);
        boolean healthcheck = !docker.run("image", "inspect", "--format", "{{json .Config.Healthcheck}}", image)
                .equals("null");
        if (healthcheck != variant.healthcheck()) {
            problems.add(image + (healthcheck ? " has a HEALTHCHECK" : " has no HEALTHCHECK")
                    + ", but its pom says image.healthcheck " + variant.healthcheck());
        }
        // tar -tv's mode column: "-rwxr-xr-x" for an executable regular file.
        int executables = (int) files.stream().filter(line -> line.startsWith("-") && line.substring(0, 10).contains("x"))
                .count();
        return new Measurement.Contents(image, base, baseId.strip(), layers.bytes(), layers.layers(),
                layers.bytes() - baseSize, any(files, SHELL), any(files, PACKAGE_MANAGER), any(files, JAVAC),
                any(files, MAVEN), healthcheck, executables);
    }

    private static boolean any(List<String> files, String pattern) {
        return files.stream().anyMatch(line -> line.matches(pattern));
    }
}
