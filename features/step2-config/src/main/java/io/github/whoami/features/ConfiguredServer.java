package io.github.whoami.features;

import io.helidon.config.Config;
import io.helidon.service.registry.Services;
import io.helidon.webserver.WebServer;

/**
 * Step 2: configuration as whoami had it, {@code Config.create()} (the meta-configuration search, then
 * system properties, environment variables and whoami's application.properties), the server
 * configured from its {@code server} node.
 */
public final class ConfiguredServer {

    private ConfiguredServer() {
    }

    public static void main(String[] args) {
        start();
    }

    /** Also the next steps' server, which call it after their own set-up. */
    public static void start() {
        Config config = Config.create();
        Services.set(Config.class, config);
        WebServer server = WebServer.builder()
                .config(config.get("server"))
                .routing(routing -> routing.get("/whoami", (req, res) -> res.send(StartLine.HOSTNAME)))
                .build()
                .start();
        StartLine.print(server.port());
    }
}
