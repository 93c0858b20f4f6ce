package io.github.whoami.images;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * One image variant as its pom declares it: the {@code image.*} properties of images/&lt;variant&gt;/pom.xml,
 * declared once there. Failsafe hands them to the container tests as system properties; the comparison
 * reads them from the poms. Every check runs the same way over every variant (as distroless tests its
 * images); this is what differs.
 *
 * @param name           {@code image.variant}: the folder's name and the image tag
 * @param buildBase      {@code image.base.build}: the Dockerfile's BUILD_IMAGE, or {@code none} where the
 *                       machine's own JDK and Maven build it (jib)
 * @param runtimeBase    {@code image.base.runtime}: its RUNTIME_IMAGE, or {@code scratch} for none
 * @param target         {@code image.target}: the stage the build stops at
 * @param runtimeModules {@code image.runtime.modules}: exactly the modules of a jlink'ed runtime; empty
 *                       for a full JDK or JRE (the pom says {@code all})
 * @param shell          {@code image.shell}: whether {@code /bin/sh} is in the image
 * @param buildTools     {@code image.build-tools}: whether javac, Maven and the sources ship with it
 * @param aotCache       {@code image.aot-cache}: whether it starts from a JDK 25 AOT cache at /app/whoami.aot
 *                       (that path only; a classic CDS archive is not one)
 * @param reproducible   {@code image.reproducible}: whether two clean builds give one image: config digest and layers (CI proves it)
 * @param healthcheck    {@code image.healthcheck}: whether the image has a HEALTHCHECK (Jib cannot write one)
 * @param c1Only         {@code image.jit}: {@code c1} where the image turns tiers back on and stops at C1,
 *                       the quick compiler (start-up over peak throughput); {@code c2} where it runs C2
 *                       alone, tiers off, as the shared images/jvm.options says
 */
public record Variant(String name, String buildBase, String runtimeBase, String target, List<String> runtimeModules,
                      boolean shell, boolean buildTools, boolean aotCache, boolean reproducible, boolean healthcheck,
                      boolean c1Only) {

    /** The properties, as the poms name them. */
    public static final List<String> PROPERTIES = List.of("image.variant", "image.base.build", "image.base.runtime",
            "image.target", "image.runtime.modules", "image.shell", "image.build-tools", "image.aot-cache",
            "image.reproducible", "image.healthcheck", "image.jit");

    /**
     * Reads a variant from properties named as in the poms.
     *
     * @param properties the value of a property, or null
     * @throws IllegalArgumentException naming the first property that is missing or not what it must be
     */
    public static Variant from(Function<String, String> properties) {
        Function<String, String> required = key -> {
            String value = properties.apply(key);
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(key + " is not set: each images/<variant>/pom.xml declares it");
            }
            return value.strip();
        };
        Function<String, Boolean> flag = key -> switch (required.apply(key)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(key + " must be true or false, not " + properties.apply(key));
        };
        String modules = required.apply("image.runtime.modules");
        return new Variant(required.apply("image.variant"), required.apply("image.base.build"),
                required.apply("image.base.runtime"), required.apply("image.target"),
                modules.equals("all") ? List.of() : Arrays.stream(modules.split(",")).map(String::strip).sorted().toList(),
                flag.apply("image.shell"), flag.apply("image.build-tools"), flag.apply("image.aot-cache"),
                flag.apply("image.reproducible"), flag.apply("image.healthcheck"), switch (required.apply("image.jit")) {
                    case "c1" -> true;
                    case "c2" -> false;
                    default -> throw new IllegalArgumentException("image.jit must be c1 or c2, not " + properties.apply("image.jit"));
                });
    }

    /** Whether a build image builds it ({@code image.base.build} is not {@code none}). */
    public boolean hasBuildImage() {
        return !buildBase.equals("none");
    }

    /** Whether the final stage has no base image at all. */
    public boolean fromScratch() {
        return runtimeBase.equals("scratch");
    }
}
