package io.github.whoami.images;

import java.util.List;
import java.util.Optional;

/**
 * What each image variant must and must not hold: one set of checks, run the same way over every
 * variant (the way distroless tests its images).
 */
enum Variant {

    /** The "before" picture: it keeps the JDK, Maven, the sources and the build output, on purpose. */
    TRADITIONAL(true, Optional.empty()),

    /** A JRE and the app: no compiler, no Maven, no Maven repository. */
    MULTISTAGE(false, Optional.empty()),

    /** A runtime linked from exactly the modules jdeps finds in the app and its libraries. */
    JLINK(false, Optional.of(List.of("java.base", "java.logging", "java.management"))),

    /** The jlink image plus a JDK 25 AOT cache, trained on the image itself. */
    JLINK_AOT(false, Optional.of(List.of("java.base", "java.logging", "java.management"))),

    /** The jlink runtime, the app and the C library files they load, on an empty image. */
    SCRATCH(false, Optional.of(List.of("java.base", "java.logging", "java.management")));

    private final boolean keepsBuildTools;
    private final Optional<List<String>> runtimeModules;

    Variant(boolean keepsBuildTools, Optional<List<String>> runtimeModules) {
        this.keepsBuildTools = keepsBuildTools;
        this.runtimeModules = runtimeModules;
    }

    /** Whether javac, Maven and the sources are in the image (only the single-stage one). */
    boolean keepsBuildTools() {
        return keepsBuildTools;
    }

    /** The exact module list of a jlink'ed runtime; empty for a full JDK or JRE. */
    Optional<List<String>> runtimeModules() {
        return runtimeModules;
    }

    /** Whether it starts from an AOT cache ({@code -XX:AOTCache}). */
    boolean hasAotCache() {
        return this == JLINK_AOT;
    }

    /** The image tag: the name in lower case, {@code _} as {@code -}. */
    String tag() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    static Variant fromTag(String tag) {
        return valueOf(tag.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
    }
}
