package io.github.whoami;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.logging.Logger;

import io.github.whoami.workarounds.Workarounds;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.logging.common.LogConfig;
import io.helidon.service.registry.Services;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.HttpRouting;

/**
 * Starts the whoami server: {@code GET /whoami} answers with the host name, which inside a container
 * is the container ID.
 */
public final class Main {

    /** The environment variable the Dockerfiles set to name their variant; the JSON view reports it. */
    static final String VARIANT_ENV = "WHOAMI_VARIANT";

    private Main() {
    }

    /**
     * Starts the server on the port of {@code server.port} (8080 unless configured, {@code SERVER_PORT}
     * in the environment).
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        // Before the first virtual thread: what whoami adds to stock Helidon and the JDK.
        Workarounds.beforeStart();
        LogConfig.configureRuntime();

        Config config = config();
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
        String sizedBy = config.get("server.max-tcp-connections").exists() ? "server.max-tcp-connections"
                : ConnectionBudget.terms(Runtime.getRuntime().maxMemory());
        Logger.getLogger(Main.class.getName()).info(() -> "whoami started in " + startedMillis + " ms, listening on port "
                + server.port() + ", at most " + server.prototype().maxTcpConnections() + " connections at once ("
                + sizedBy + ")");
    }

    /**
     * System properties, then environment variables, then an application.properties in the working
     * directory if there is one, then the one in the jar (Helidon adds the first two to the sources
     * named). {@code Config.create()} would find the same files, but first searches for
     * meta-configuration and config profiles, in every format it has a parser for, which whoami does not
     * use; that search costs start-up time (docs/server.md#configuration).
     *
     * @return the whole configuration
     */
    static Config config() {
        return config(Path.of("application.properties"));
    }

    /** The same, with the file that overrides the jar's at {@code overrides}; tests give their own. */
    static Config config(Path overrides) {
        return Config.builder()
                .addSource(ConfigSources.file(overrides).optional())
                .addSource(ConfigSources.classpath("application.properties"))
                .build();
    }

    /**
     * The server's configuration, with a connection limit sized by the heap ({@link ConnectionBudget})
     * unless {@code server.max-tcp-connections} sets one. Tests reuse this seam.
     *
     * @param server the server to configure
     * @param config the whole configuration
     */
    static void server(WebServerConfig.Builder server, Config config) {
        server.config(config.get("server"));
        server.maxTcpConnections(config.get("server.max-tcp-connections").asInt()
                .orElseGet(() -> ConnectionBudget.maxConnections(Runtime.getRuntime().maxMemory())));
        Workarounds.server(server, config);
    }

    /**
     * The application's routes; tests reuse this seam with {@code @SetUpRoute}.
     *
     * @param routing the routing to add the routes to
     */
    static void routing(HttpRouting.Builder routing) {
        Workarounds.routing(routing);
        routing.register(new WhoamiService(HostnameSource.system(), System.getenv(VARIANT_ENV)));
    }
}
