package io.github.whoami;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.ServiceLoader;

import io.helidon.config.Config;
import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;
import io.helidon.health.spi.HealthCheckProvider;

import org.junit.jupiter.api.Test;

/** whoami's own liveness checks, found the way Helidon's health observer finds providers. */
class LivenessChecksTest {

    @Test
    void healthObserverFindsTheChecksThroughTheServiceLoader() {
        List<Class<?>> providers = ServiceLoader.load(HealthCheckProvider.class).stream()
                .<Class<?>>map(ServiceLoader.Provider::type).toList();
        assertEquals(List.of(LivenessChecks.class), providers, "whoami's provider, and Helidon's built-in one no more");
    }

    @Test
    void heapAndDiskAreLivenessChecksThatAreUpOnAHealthyMachine() {
        List<HealthCheck> checks = new LivenessChecks().healthChecks(Config.empty());
        assertEquals(List.of("heapMemory", "diskSpace"), checks.stream().map(HealthCheck::name).toList());
        for (HealthCheck check : checks) {
            assertEquals(HealthCheckType.LIVENESS, check.type(), check.name());
            HealthCheckResponse response = check.call();
            assertEquals(HealthCheckResponse.Status.UP, response.status(), check.name() + ": " + response.details());
        }
    }

    @Test
    void heapCheckReportsWhatItCompared() {
        HealthCheckResponse heap = LivenessChecks.heap();
        long used = (Long) heap.details().get("used");
        long max = (Long) heap.details().get("max");
        assertTrue(used > 0 && used < max, heap.details().toString());
    }
}
