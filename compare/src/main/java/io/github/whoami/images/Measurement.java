package io.github.whoami.images;

import java.util.List;

/**
 * What the comparison measured of one image variant. Sizes in bytes, times in milliseconds, memory in KiB.
 *
 * @param variant             the image variant
 * @param image               the image measured
 * @param runtimeBase         the base of its final stage, and that base's image ID
 * @param runtimeBaseId       the base's image ID (and registry digest, where it has one)
 * @param size                the layers' uncompressed tars, added up (docker save, matched by diff ID)
 * @param layers              number of layers
 * @param addedSize           size on top of the runtime base
 * @param storedBytes         what the registry stores for the image: its manifest's config and layers, compressed
 * @param updateBytes         what a node that runs the image pulls after a one-line source edit: the blobs of the
 *                            build after the edit that the build before it (same caches) lacks; -1 where not rebuilt
 *                            (the Go baseline)
 * @param coldPullMillis      a pull of the image from the registry into an empty image store (skopeo copy), the
 *                            median of three
 * @param hasShell            {@code /bin/sh} in the image
 * @param hasPackageManager   apt, dpkg or apk in the image
 * @param hasJavac            {@code javac} in the image
 * @param hasMaven            Maven in the image
 * @param hasHealthcheck      a HEALTHCHECK in the image's config (Jib cannot write one)
 * @param executables         number of regular files with an execute bit
 * @param startupMillis       from {@code docker run} to the first 200 on /whoami, each run
 * @param serverStartMillis   the server's own "started in" figure, each run
 * @param baselineStartupMillis the Go server's {@code docker run} to first 200, in the starts that alternated with
 *                            this image's (the Go row's: its own)
 * @param rssAfterStartKib    RSS of the JVM after start, under the load test's limits
 * @param rssAfterLoadKib     RSS of the JVM after the load
 * @param requestsPerSecond   wrk's requests/s on /whoami
 * @param baselineRequestsPerSecond the Go server's requests/s in the windows that alternated with this image's
 *                            (the Go row's: its own)
 * @param errors              socket errors plus non-2xx responses during the load
 * @param busyRequestsPerSecond wrk's requests/s on /whoami with many more keep-alive connections
 * @param busyErrors          socket errors plus non-2xx responses with those connections
 * @param oomKilled           whether the engine OOM-killed the container
 * @param coldBuildMillis     a build with no layer cache and an empty Maven cache mount
 * @param rebuildMillis       a build after a source-only change, all caches warm
 * @param rebuildReusedDependencies whether that rebuild took the dependency layer from the cache (a Dockerfile
 *                            variant), or made it again with the same digest (jib)
 */
record Measurement(String variant, String image, String runtimeBase, String runtimeBaseId,
                   long size, int layers, long addedSize, long storedBytes, long updateBytes, long coldPullMillis,
                   boolean hasShell, boolean hasPackageManager, boolean hasJavac, boolean hasMaven,
                   boolean hasHealthcheck, int executables,
                   List<Long> startupMillis, List<Long> serverStartMillis, List<Long> baselineStartupMillis,
                   long rssAfterStartKib, long rssAfterLoadKib, double requestsPerSecond,
                   double baselineRequestsPerSecond, long errors,
                   double busyRequestsPerSecond, long busyErrors, boolean oomKilled,
                   long coldBuildMillis, long rebuildMillis, boolean rebuildReusedDependencies) {

    /** The rate as a share of the Go server's in the windows alternating with it; -1 where there is none. */
    double requestsPerSecondTimesBaseline() {
        return baselineRequestsPerSecond > 0 ? requestsPerSecond / baselineRequestsPerSecond : -1;
    }

    /** The median start-up as a share of the Go server's, over the starts alternating with it; -1 where there is none. */
    double startupTimesBaseline() {
        long baseline = median(baselineStartupMillis);
        return baseline > 0 && medianStartupMillis() >= 0 ? (double) medianStartupMillis() / baseline : -1;
    }

    /** The rate with many connections as a share of the rate with few. */
    double busyRatio() {
        return requestsPerSecond > 0 ? busyRequestsPerSecond / requestsPerSecond : 0;
    }

    long medianStartupMillis() {
        return median(startupMillis);
    }

    long medianServerStartMillis() {
        return median(serverStartMillis);
    }

    static long median(List<Long> values) {
        if (values.isEmpty()) {
            return -1;
        }
        List<Long> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }
}
