package io.github.whoami.images;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The comparison's options, each {@code key=value} (compare/pom.xml passes them), read in one place: a
 * malformed or missing one ends the run before anything is measured, in one sentence.
 *
 * @param variants         the variants to measure, comma-separated; blank for all
 * @param repository       the image repository the variants are tagged in ({@code REPOSITORY:VARIANT})
 * @param docker           the docker executable
 * @param network          the network builds run on
 * @param mavenRepository  the running build's Maven repository: jib's rebuild on warm caches uses it
 * @param jibBaseScheme    jib's base image scheme ({@code docker://} reads it from the engine); may be blank
 * @param context          the repository's root, the Dockerfiles' build context
 * @param baseline         the Go baseline's folder
 * @param out              where the report goes
 * @param loadSeconds      each load's length
 * @param connections      the first load's connections
 * @param busyConnections  the second load's connections
 * @param startRuns        the starts timed per variant
 * @param buildTimes       whether cold builds and rebuilds are timed
 * @param registry         the registry every image is pushed to, {@code HOST[:PORT]/PREFIX}
 * @param sourceDateEpoch  the images' SOURCE_DATE_EPOCH for the rebuilds; may be blank
 * @param startTimeout     how long a container gets to answer its first 200
 */
record ComparisonOptions(String variants, String repository, String docker, String network, String mavenRepository,
                         String jibBaseScheme, Path context, Path baseline, Path out, int loadSeconds, int connections,
                         int busyConnections, int startRuns, boolean buildTimes, String registry, String sourceDateEpoch,
                         Duration startTimeout) {

    /**
     * Reads {@code key=value} arguments.
     *
     * @throws IllegalArgumentException for an argument that is not {@code key=value}, a required option
     *                                  missing, or a number or flag that is none, in one sentence
     */
    static ComparisonOptions parse(String... args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("The comparison's option \"" + arg + "\" is not key=value: "
                        + "give each as key=value, as compare/pom.xml does (e.g. loadSeconds=30).");
            }
            options.put(arg.substring(0, eq).strip(), arg.substring(eq + 1).strip());
        }
        return new ComparisonOptions(options.getOrDefault("variants", ""), required(options, "repository"),
                required(options, "docker"), required(options, "network"), options.getOrDefault("mavenRepository", ""),
                options.getOrDefault("jibBaseScheme", ""), Path.of(required(options, "context")),
                Path.of(required(options, "baseline")), Path.of(required(options, "out")),
                positive(options, "loadSeconds", null), positive(options, "connections", null),
                positive(options, "busyConnections", null), positive(options, "startRuns", null),
                flag(options, "buildTimes"), options.getOrDefault("registry", Registry.DEFAULT),
                options.getOrDefault("sourceDateEpoch", ""),
                Duration.ofSeconds(positive(options, "startTimeoutSeconds", "60")));
    }

    private static String required(Map<String, String> options, String key) {
        String value = options.get(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("The comparison's option " + key + " is missing: give it as "
                    + key + "=VALUE, as compare/pom.xml does.");
        }
        return value;
    }

    private static int positive(Map<String, String> options, String key, String fallback) {
        String value = fallback != null && !options.containsKey(key) ? fallback : required(options, key);
        try {
            int number = Integer.parseInt(value);
            if (number > 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // said below, in the same sentence as a number under 1
        }
        throw new IllegalArgumentException("The comparison's option " + key + "=" + value
                + " is not a whole number above 0: give one, e.g. " + key + "=" + (fallback == null ? "5" : fallback) + ".");
    }

    private static boolean flag(Map<String, String> options, String key) {
        return switch (required(options, key)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("The comparison's option " + key + "=" + options.get(key)
                    + " is neither true nor false: give one of them.");
        };
    }

    /** A variant's image, as its module tagged it. */
    String image(String variant) {
        return repository + ":" + variant;
    }

    /** The tag the comparison's own builds of a variant get, beside the measured image. */
    String comparisonImage(String variant) {
        return repository + "-compare:" + variant;
    }

    /**
     * The command that runs the comparison again with these options: every option that changes what is
     * measured, so that the report's "Run:" line reproduces it.
     */
    String command() {
        return ("ci/test.sh -Pcompare" + (variants.isBlank() ? "" : " -Dcompare.variants=" + variants.replaceAll("\\s", ""))
                + " -Dcompare.load.seconds=" + loadSeconds + " -Dcompare.connections=" + connections
                + " -Dcompare.busy.connections=" + busyConnections + " -Dcompare.start.runs=" + startRuns
                + " -Dcompare.build.times=" + buildTimes + " -Dcompare.registry=" + registry).replaceAll(" +", " ");
    }
}
