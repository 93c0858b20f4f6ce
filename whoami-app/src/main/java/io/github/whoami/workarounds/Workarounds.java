package io.github.whoami.workarounds;

import java.time.Duration;

import io.helidon.config.Config;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.HttpRouting;

/**
 * What whoami adds to stock Helidon 4.5.0 and the JDK, each class for one behaviour of theirs that a
 * production server must not have, each with a test that fails without it. Main calls these three at
 * the three places a Helidon SE application is assembled.
 */
public final class Workarounds {

    /** How long a request's headers may take after its request line, unless whoami.request-head-timeout says. */
    public static final Duration DEFAULT_REQUEST_HEAD_TIMEOUT = Duration.ofSeconds(10);

    private Workarounds() {
    }

    /**
     * Before anything logs, as the JDK creates its LogManager once: {@link ShutdownSafeLogManager}; and
     * before the first virtual thread starts, as it reads its carrier count once: {@link CarrierThreads}.
     */
    public static void beforeStart() {
        // Its name only: a class literal loads ShutdownSafeLogManager without initializing LogManager.
        System.setProperty("java.util.logging.manager", ShutdownSafeLogManager.class.getName());
        CarrierThreads.atLeastTwo();
    }

    /**
     * The server's side: {@link RequestHeadTimeout} and {@link HangUpLogFilter}.
     *
     * @param server the server to configure, once its own configuration is in
     * @param config the whole configuration
     */
    public static void server(WebServerConfig.Builder server, Config config) {
        RequestHeadTimeout.install(server, config, config.get("whoami.request-head-timeout").as(Duration.class)
                .orElse(DEFAULT_REQUEST_HEAD_TIMEOUT));
        HangUpLogFilter.install();
    }

    /**
     * The routes' side: {@link ConnectionCloseFilter}, ahead of every route.
     *
     * @param routing the routing to add to
     */
    public static void routing(HttpRouting.Builder routing) {
        routing.addFilter(new ConnectionCloseFilter());
    }
}
