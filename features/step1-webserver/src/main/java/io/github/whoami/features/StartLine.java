package io.github.whoami.features;

import java.lang.management.ManagementFactory;

/**
 * What every step prints once it answers: the line whoami logs, "started in N ms", the JVM's uptime,
 * so that every step's start is the same figure as the server's own. It costs every step the same
 * few java.management classes, as it costs whoami.
 */
public final class StartLine {

    /** The host name docker gives the container, as the steps answer it on GET /whoami. */
    public static final String HOSTNAME = System.getenv().getOrDefault("HOSTNAME", "unknown");

    private StartLine() {
    }

    /** SERVER_PORT, as whoami's configuration reads it, for the step that has no configuration. */
    public static int port() {
        return Integer.parseInt(System.getenv().getOrDefault("SERVER_PORT", "8080"));
    }

    public static void print(int port) {
        System.out.println("started in " + ManagementFactory.getRuntimeMXBean().getUptime() + " ms, port " + port);
    }
}
