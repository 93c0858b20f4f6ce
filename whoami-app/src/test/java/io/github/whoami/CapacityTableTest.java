package io.github.whoami;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/production.md's connection figures agree with {@link ConnectionBudget}: each row of its
 * capacity table gives the connections the budget allows for that heap (the heaps are what the images'
 * start lines said; ConnectionLimitIT checks the images against the budget), and every measured cost of
 * a held connection it quotes for the blocking sockets the server runs on fits in the budget's share
 * (ConnectionCostIT measures them). A hand edit of either fails here.
 */
class CapacityTableTest {

    private static final Path PAGE = Path.of("..", "docs", "production.md");
    /** A capacity row: {@code | `128m` | 40,304,640 bytes | 1,456 |}. */
    private static final Pattern CAPACITY_ROW =
            Pattern.compile("(?m)^\\s*\\| `(\\d+m)` \\| ([\\d,]+) bytes \\| ([\\d,]+) \\|$");
    /** A cost row: {@code | nothing at all | 14,325 bytes | 446 bytes |}. */
    private static final Pattern COST_ROW =
            Pattern.compile("(?m)^\\| ([^|]*) \\| ([\\d,]+) bytes \\| ([\\d,]+) bytes \\|$");

    @Test
    void eachCapacityRowIsTheBudgetOfItsHeap() throws IOException {
        Matcher row = CAPACITY_ROW.matcher(Files.readString(PAGE));
        List<String> rows = new ArrayList<>();
        while (row.find()) {
            long heap = number(row.group(2));
            rows.add(row.group(1));
            assertEquals(ConnectionBudget.maxConnections(heap), number(row.group(3)),
                    "production.md's row for --memory " + row.group(1) + " (a heap of " + heap + " bytes)");
        }
        assertEquals(List.of("128m", "256m", "512m"), rows, "production.md's capacity table");
    }

    @Test
    void eachMeasuredCostFitsTheBudgetsShare() throws IOException {
        Matcher row = COST_ROW.matcher(Files.readString(PAGE));
        List<Long> heapCosts = new ArrayList<>();
        while (row.find()) {
            // The NIO row shows what the server does not run with (server.use-nio=false): it may cost more.
            if (!row.group(1).contains("use-nio=true")) {
                heapCosts.add(number(row.group(2)));
            }
        }
        assertFalse(heapCosts.isEmpty(), "production.md quotes no measured cost of a held connection");
        for (long cost : heapCosts) {
            assertTrue(cost <= ConnectionBudget.HEAP_PER_CONNECTION,
                    "production.md says a held connection costs " + cost + " bytes of heap, more than the budget's "
                            + ConnectionBudget.HEAP_PER_CONNECTION);
        }
    }

    private static long number(String digits) {
        return Long.parseLong(digits.replace(",", ""));
    }
}
