package io.github.whoami.workarounds;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CarrierThreadsTest {

    private String before;

    @BeforeEach
    void rememberTheProperty() {
        before = System.getProperty(CarrierThreads.PARALLELISM);
    }

    @AfterEach
    void restoreTheProperty() {
        if (before == null) {
            System.clearProperty(CarrierThreads.PARALLELISM);
        } else {
            System.setProperty(CarrierThreads.PARALLELISM, before);
        }
    }

    @Test
    void unsetTheSchedulerGetsOneCarrierPerCpuAndAtLeastTwo() {
        System.clearProperty(CarrierThreads.PARALLELISM);
        CarrierThreads.atLeastTwo();
        assertEquals(String.valueOf(Math.max(2, Runtime.getRuntime().availableProcessors())),
                System.getProperty(CarrierThreads.PARALLELISM));
    }

    @Test
    void aCarrierCountGivenWithDashDIsKept() {
        System.setProperty(CarrierThreads.PARALLELISM, "1");
        CarrierThreads.atLeastTwo();
        assertEquals("1", System.getProperty(CarrierThreads.PARALLELISM));
    }
}
