package io.github.whoami.images;

import java.util.List;
import java.util.Objects;

/**
 * What the comparison measured of one image variant, one part per step. Sizes in bytes, times in
 * milliseconds, memory in KiB. A figure a step could not measure is {@code null}: the report shows it as
 * absent, never as a number, and the run fails ({@link Comparison}).
 *
 * @param variant      the image variant
 * @param contents     what the image holds ({@link ImageContents})
 * @param distribution what a registry stores and ships of it ({@link DistributionStep})
 * @param startup      its starts ({@link StartupStep})
 * @param load         its memory and rates under load ({@link LoadStep})
 * @param builds       its build times ({@link BuildStep}); every figure null for the Go baseline, not rebuilt
 */
record Measurement(String variant, Contents contents, Distribution distribution, Startup startup, Load load,
                   Builds builds) {

    /**
     * @param image             the image measured
     * @param runtimeBase       the base of its final stage
     * @param runtimeBaseId     the base's image ID (and registry digest, where it has one)
     * @param size              the layers' uncompressed tars, added up (docker save, matched by diff ID)
     * @param layers            number of layers
     * @param addedSize         size on top of the runtime base
     * @param hasShell          {@code /bin/sh} in the image
     * @param hasPackageManager apt, dpkg or apk in the image
     * @param hasJavac          {@code javac} in the image
     * @param hasMaven          Maven in the image
     * @param hasHealthcheck    a HEALTHCHECK in the image's config (Jib cannot write one)
     * @param executables       number of regular files with an execute bit
     */
    record Contents(String image, String runtimeBase, String runtimeBaseId, long size, int layers, long addedSize,
                    boolean hasShell, boolean hasPackageManager, boolean hasJavac, boolean hasMaven,
                    boolean hasHealthcheck, int executables) {
    }

    /**
     * @param storedBytes    what the registry stores for the image: its manifest's config and layers, compressed
     * @param updateBytes    what a node that runs the image pulls after a one-line source edit: the blobs of the
     *                       build after the edit that the build before it (same caches) lacks; null where not
     *                       rebuilt (the Go baseline)
     * @param coldPullMillis a pull of the image from the registry into an empty image store (skopeo copy), the
     *                       median of {@link DistributionStep#COLD_PULLS}
     */
    record Distribution(Long storedBytes, Long updateBytes, Long coldPullMillis) {
    }

    /**
     * @param startupMillis         from {@code docker run} to the first 200 on /whoami, each run (null: no 200)
     * @param serverStartMillis     the server's own "started in" figure, each run (null: none, as the Go server's)
     * @param baselineStartupMillis the Go server's {@code docker run} to first 200, in the starts that alternated
     *                              with this image's (the Go row's: its own)
     */
    record Startup(List<Long> startupMillis, List<Long> serverStartMillis, List<Long> baselineStartupMillis) {
    }

    /**
     * @param rssAfterStartKib          RSS of the server after start, under the load test's limits
     * @param rssAfterLoadKib           RSS of the server after the load (null: the container stopped)
     * @param requestsPerSecond         wrk's requests/s on /whoami
     * @param baselineRequestsPerSecond the Go server's requests/s in the windows that alternated with this image's
     *                                  (the Go row's: its own)
     * @param errors                    socket errors plus non-2xx responses during the load
     * @param busyRequestsPerSecond     wrk's requests/s on /whoami with many more keep-alive connections
     * @param busyErrors                socket errors plus non-2xx responses with those connections
     * @param oomKilled                 whether the engine OOM-killed the container
     */
    record Load(Long rssAfterStartKib, Long rssAfterLoadKib, Double requestsPerSecond, Double baselineRequestsPerSecond,
                Long errors, Double busyRequestsPerSecond, Long busyErrors, boolean oomKilled) {
    }

    /**
     * @param coldBuildMillis           a build with no layer cache and an empty Maven cache mount
     * @param rebuildMillis             a build after a source-only change, all caches warm
     * @param rebuildReusedDependencies whether that rebuild took the dependency layer from the cache (a Dockerfile
     *                                  variant), or made it again with the same digest (jib)
     */
    record Builds(Long coldBuildMillis, Long rebuildMillis, Boolean rebuildReusedDependencies) {

        /** Not built: the Go baseline, or build times not asked for. */
        static final Builds NONE = new Builds(null, null, null);
    }

    /** The rate as a share of the Go server's in the windows alternating with it; -1 where there is none. */
    double requestsPerSecondTimesBaseline() {
        return ratio(load.requestsPerSecond(), load.baselineRequestsPerSecond());
    }

    /** The median start-up as a share of the Go server's, over the starts alternating with it; -1 where there is none. */
    double startupTimesBaseline() {
        Long baseline = median(startup.baselineStartupMillis());
        return ratio(medianStartupMillis() == null ? null : medianStartupMillis().doubleValue(),
                baseline == null ? null : baseline.doubleValue());
    }

    /** The rate with many connections as a share of the rate with few; -1 where either is missing. */
    double busyRatio() {
        return ratio(load.busyRequestsPerSecond(), load.requestsPerSecond());
    }

    Long medianStartupMillis() {
        return median(startup.startupMillis());
    }

    Long medianServerStartMillis() {
        return median(startup.serverStartMillis());
    }

    private static double ratio(Double figure, Double by) {
        return figure != null && by != null && by > 0 ? figure / by : -1;
    }

    /** The median, or null when there is none: no values, or one of them not measured. */
    static Long median(List<Long> values) {
        if (values.isEmpty() || values.stream().anyMatch(Objects::isNull)) {
            return null;
        }
        List<Long> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }
}
