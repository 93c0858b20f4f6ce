package io.github.whoami;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.helidon.common.config.Config;
import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;
import io.helidon.health.spi.HealthCheckProvider;

/**
 * The liveness checks of {@code /observe/health/live} (and {@code /observe/health}): a heap that is
 * all but full, a root file system that is all but full. Helidon's health observer finds this provider
 * through {@code META-INF/services}, as it finds its own.
 *
 * <p>Ours, not Helidon's {@code helidon-health-checks}: that provider always adds a deadlock check too,
 * whose {@code ThreadMXBean} loads the JDK's management classes at start, and which sees only platform
 * threads, while every request here runs on a virtual thread. These two need only {@code java.base}.
 */
public final class LivenessChecks implements HealthCheckProvider {

    /** Down when the heap in use passes this share of the largest heap the JVM may grow to. */
    static final double HEAP_LIMIT = 0.98;

    /** Down when less than this share of the root file system is free for the server's user. */
    static final double DISK_FREE_FLOOR = 0.00001;

    /** Found by {@link java.util.ServiceLoader}. */
    public LivenessChecks() {
    }

    @Override
    public List<HealthCheck> healthChecks(Config config) {
        return List.of(new Check("heapMemory", LivenessChecks::heap), new Check("diskSpace", LivenessChecks::disk));
    }

    static HealthCheckResponse heap() {
        Runtime runtime = Runtime.getRuntime();
        long used = runtime.totalMemory() - runtime.freeMemory();
        long max = runtime.maxMemory();
        return HealthCheckResponse.builder()
                .status(used < max * HEAP_LIMIT)
                .detail("used", used)
                .detail("max", max)
                .build();
    }

    static HealthCheckResponse disk() {
        try {
            FileStore root = Files.getFileStore(Path.of("/"));
            long usable = root.getUsableSpace();
            long total = root.getTotalSpace();
            return HealthCheckResponse.builder()
                    // A file system with no size (some overlay and pseudo file systems) is never full.
                    .status(total == 0 || usable >= total * DISK_FREE_FLOOR)
                    .detail("usable", usable)
                    .detail("total", total)
                    .build();
        } catch (IOException e) {
            return HealthCheckResponse.builder().status(false).detail("error", e.getMessage()).build();
        }
    }

    /** One named liveness check. */
    private record Check(String name, java.util.function.Supplier<HealthCheckResponse> response) implements HealthCheck {

        @Override
        public HealthCheckType type() {
            return HealthCheckType.LIVENESS;
        }

        @Override
        public HealthCheckResponse call() {
            return response.get();
        }
    }
}
