package io.github.whoami.features;

import io.helidon.webserver.WebServer;

/** Step 1: Helidon's web server alone, GET /whoami answering the host name. */
public final class PlainServer {

    private PlainServer() {
    }

    public static void main(String[] args) {
        WebServer server = WebServer.builder()
                .host("0.0.0.0")
                .port(StartLine.port())
                .routing(routing -> routing.get("/whoami", (req, res) -> res.send(StartLine.HOSTNAME)))
                .build()
                .start();
        StartLine.print(server.port());
    }
}
