package io.github.whoami;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.logging.Logger;

import io.helidon.config.Config;
import io.helidon.logging.common.LogConfig;
import io.helidon.service.registry.Services;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http1.Http1Config;

/**
 * Starts the whoami server: {@code GET /whoami} answers with the host name, which inside a container
 * is the container ID.
 */
public final class Main {

    /** The environment variable the Dockerfiles set to name their variant; the JSON view reports it. */
    static final String VARIANT_ENV = "WHOAMI_VARIANT";

    /** How long a request's headers may take after its request line, unless whoami.request-head-timeout says. */
    static final Duration DEFAULT_REQUEST_HEAD_TIMEOUT = Duration.ofSeconds(10);

    private Main() {
    }

    /**
     * Starts the server on the port of {@code server.port} (8080 unless configured, {@code SERVER_PORT}
     * in the environment).
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        // Before anything touches java.util.logging: the LogManager is chosen once, on first use.
        System.setProperty("java.util.logging.manager", ShutdownSafeLogManager.class.getName());
        // Before the first virtual thread: the scheduler reads its carrier count once (CarrierThreads).
        CarrierThreads.atLeastTwo();
        LogConfig.configureRuntime();

        // Environment variables, system properties, then application.properties on the class path.
        Config config = Config.create();
        Services.set(Config.class, config);

        WebServer server = WebServer.builder()
                .update(builder -> server(builder, config))
                .routing(Main::routing)
                .build()
                .start();
        if (!server.isRunning()) {
            // Helidon has logged why (typically the port is taken); say what to do, and fail the process.
            System.err.println("whoami could not start: is port " + config.get("server.port").asString().orElse("8080")
                    + " in use? Stop what uses it, or set another with SERVER_PORT.");
            System.exit(1);
        }

        // The one line that start-up measurements and the packaged-jar test wait for.
        long startedMillis = ManagementFactory.getRuntimeMXBean().getUptime();
        Logger.getLogger(Main.class.getName()).info(() -> "whoami started in " + startedMillis + " ms, listening on port "
                + server.port() + ", at most " + server.prototype().maxTcpConnections() + " connections at once");
    }

    /**
     * The server's configuration, and what keeps one client from ending the process or drowning it: a
     * deadline for request headers ({@link RequestHeadTimeout}), a connection limit sized by the heap
     * ({@link ConnectionBudget}) unless {@code server.max-tcp-connections} sets one, and no log line for
     * a client that hangs up inside its request ({@link HangUpLogFilter}). Tests reuse this seam.
     *
     * @param server the server to configure
     * @param config the whole configuration
     */
    static void server(WebServerConfig.Builder server, Config config) {
        server.config(config.get("server"));
        Duration headTimeout = config.get("whoami.request-head-timeout").as(Duration.class)
                .orElse(DEFAULT_REQUEST_HEAD_TIMEOUT);
        // HTTP/1.1 alone, as configured, plus the listener; under the configuration's own name, so that
        // Helidon reads no second one from it. With one protocol Helidon gives a new connection to it at
        // once, where the idle timeout sees it; with two it would wait, with no timeout, for a first byte.
        Config http1 = config.get("server.protocols.http_1_1");
        server.protocolsDiscoverServices(false);
        server.protocols(List.of(Http1Config.builder()
                .config(http1)
                .name(http1.name())
                .addReceiveListener(new RequestHeadTimeout(headTimeout))
                .build()));
        server.maxTcpConnections(config.get("server.max-tcp-connections").asInt()
                .orElseGet(() -> ConnectionBudget.maxConnections(Runtime.getRuntime().maxMemory())));
        HangUpLogFilter.install();
    }

    /**
     * The application's routes; tests reuse this seam with {@code @SetUpRoute}.
     *
     * @param routing the routing to add the routes to
     */
    static void routing(HttpRouting.Builder routing) {
        routing.addFilter(new ConnectionCloseFilter());
        routing.register(new WhoamiService(HostnameSource.system(), System.getenv(VARIANT_ENV)));
    }
}
