package io.github.whoami.features;

import java.util.Map;

import io.helidon.common.media.type.MediaTypes;
import io.helidon.config.Config;
import io.helidon.logging.common.LogConfig;
import io.helidon.service.registry.Services;
import io.helidon.webserver.WebServer;

import jakarta.json.Json;
import jakarta.json.JsonBuilderFactory;

/** Step 5: JSON-P media, for whoami's JSON view: a client that prefers JSON gets a document. */
public final class JsonServer {

    private static final JsonBuilderFactory JSON = Json.createBuilderFactory(Map.of());

    private JsonServer() {
    }

    public static void main(String[] args) {
        LogConfig.configureRuntime();
        Config config = Config.create();
        Services.set(Config.class, config);
        WebServer server = WebServer.builder()
                .config(config.get("server"))
                .routing(routing -> routing.get("/whoami", (req, res) -> {
                    if (req.headers().bestAccepted(MediaTypes.TEXT_PLAIN, MediaTypes.APPLICATION_JSON)
                            .orElse(MediaTypes.TEXT_PLAIN).equals(MediaTypes.APPLICATION_JSON)) {
                        res.send(JSON.createObjectBuilder().add("hostname", StartLine.HOSTNAME).build());
                    } else {
                        res.send(StartLine.HOSTNAME);
                    }
                }))
                .build()
                .start();
        StartLine.print(server.port());
    }
}
