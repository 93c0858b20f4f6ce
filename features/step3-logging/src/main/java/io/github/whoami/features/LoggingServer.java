package io.github.whoami.features;

import io.helidon.logging.common.LogConfig;

/**
 * Step 3: Helidon's JUL integration (helidon-logging-jul, whoami's logging.properties) configured
 * first, as whoami's Main does. Step 4 runs this same class with the health observer and Helidon's
 * built-in checks on the class path: the server discovers them, as it does in whoami.
 */
public final class LoggingServer {

    private LoggingServer() {
    }

    public static void main(String[] args) {
        LogConfig.configureRuntime();
        ConfiguredServer.start();
    }
}
