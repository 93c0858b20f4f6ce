package io.github.whoami.images;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The lesson's Go server (baseline/go): measured in the same run as the variants, so that every figure
 * that depends on the machine is also given as a ratio to it. Not a Java variant: no AOT cache, no JIT.
 * Its build image is the one its Dockerfile names ({@code ARG BUILD_IMAGE=...}), read from there.
 */
final class Baseline {

    /** The baseline's name in the report, and its image's tag. */
    static final String NAME = "go";
    private static final Pattern BUILD_IMAGE = Pattern.compile("(?m)^ARG BUILD_IMAGE=(\\S+)\\s*$");

    private Baseline() {
    }

    /**
     * The baseline as a variant: its build base read from {@code folder}'s Dockerfile, its runtime scratch.
     *
     * @throws IllegalStateException when the Dockerfile declares no {@code ARG BUILD_IMAGE=...}
     */
    static Variant read(Path folder) throws IOException {
        Path dockerfile = folder.resolve("Dockerfile");
        Matcher buildImage = BUILD_IMAGE.matcher(Files.readString(dockerfile));
        if (!buildImage.find()) {
            throw new IllegalStateException(dockerfile + " has no ARG BUILD_IMAGE=IMAGE line: the comparison "
                    + "reads the Go baseline's build image from there; give it one.");
        }
        return new Variant(NAME, buildImage.group(1), "scratch", "image", List.of(),
                false, false, false, false, false, false);
    }
}
