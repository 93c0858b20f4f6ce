package io.github.whoami.images;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the server's start line says of its connection limit and the heap it sized the limit by:
 * {@code at most 1456 connections at once (a heap of 40304640 bytes, less 10485760 kept, 20480 each)}.
 *
 * @param limit         connections the server holds at once
 * @param heap          the heap the limit was sized by ({@code Runtime.maxMemory()} of the server's JVM)
 * @param kept          the heap kept for everything but connections
 * @param perConnection the heap each connection is given
 */
record StartLine(int limit, long heap, long kept, long perConnection) {

    private static final Pattern LIMIT = Pattern.compile("at most (\\d+) connections at once \\(a heap of (\\d+) bytes, "
            + "less (\\d+) kept, (\\d+) each\\)");

    /** The start line in the container's log, once it is there (the server logs it just after it answers). */
    static StartLine of(Container server) throws Exception {
        return in(Container.poll(Duration.ofSeconds(5), server::logs, logs -> LIMIT.matcher(logs).find()));
    }

    /** The start line in a container's log; fails the test when there is none. */
    static StartLine in(String logs) {
        Matcher line = LIMIT.matcher(logs);
        assertTrue(line.find(), "no connection limit sized by the heap in the start line: " + logs);
        return new StartLine(Integer.parseInt(line.group(1)), Long.parseLong(line.group(2)), Long.parseLong(line.group(3)),
                Long.parseLong(line.group(4)));
    }
}
