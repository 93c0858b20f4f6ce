package io.github.whoami.images;

import java.util.ArrayList;
import java.util.List;

/**
 * Every figure the comparison could not measure, each said in a few words, in the order found: the steps
 * add to it and go on; the run writes the report, then fails naming them all.
 */
final class Problems {

    private final List<String> said = new ArrayList<>();

    /** Notes a figure that could not be measured (or a check that failed), and prints it at once. */
    void add(String problem) {
        said.add(problem);
        System.out.println("    problem: " + problem);
    }

    List<String> all() {
        return List.copyOf(said);
    }

    boolean isEmpty() {
        return said.isEmpty();
    }
}
