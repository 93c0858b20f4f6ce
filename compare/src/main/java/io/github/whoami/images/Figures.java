package io.github.whoami.images;

import java.util.Locale;

/**
 * How the report writes a figure: sizes in MB (10^6 bytes), memory in MiB, times in seconds, ratios with
 * an "x". A figure that was not measured ({@code null}, or a ratio of {@code -1}) is written "—".
 */
final class Figures {

    static final String ABSENT = "—";

    private Figures() {
    }

    static String mb(Long bytes) {
        return bytes == null ? ABSENT : String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }

    /** A byte count in kB, MB or GB (powers of 10), whichever keeps it readable: what an edit ships can be small. */
    static String bytes(Long bytes) {
        if (bytes == null) {
            return ABSENT;
        }
        if (bytes < 1_000_000) {
            return String.format(Locale.ROOT, "%.1f kB", bytes / 1e3);
        }
        return bytes < 1_000_000_000 ? mb(bytes) : String.format(Locale.ROOT, "%.2f GB", bytes / 1e9);
    }

    static String mib(Long kib) {
        return kib == null ? ABSENT : String.format(Locale.ROOT, "%.1f MiB", kib / 1024.0);
    }

    static String seconds(Long millis) {
        return millis == null ? ABSENT : String.format(Locale.ROOT, "%.2f s", millis / 1000.0);
    }

    static String millis(Long millis) {
        return millis == null ? ABSENT : millis + " ms";
    }

    /** A rate: "45,891". */
    static String rate(Double requestsPerSecond) {
        return requestsPerSecond == null ? ABSENT : String.format(Locale.ROOT, "%,.0f", requestsPerSecond);
    }

    static String count(Long count) {
        return count == null ? ABSENT : String.valueOf(count);
    }

    static String yesNo(Boolean value) {
        return value == null ? ABSENT : value ? "yes" : "no";
    }

    /** A ratio to the baseline: "2.72x", "102x". */
    static String times(double ratio) {
        return ratio < 0 ? ABSENT : String.format(Locale.ROOT, ratio < 10 ? "%.2fx" : "%.0fx", ratio);
    }

    /** A ratio of two figures of one row: "0.76x". */
    static String ratio(double ratio) {
        return ratio < 0 ? ABSENT : String.format(Locale.ROOT, "%.2fx", ratio);
    }

    /** "1,000 conn." */
    static String connections(String count) {
        return String.format(Locale.ROOT, "%,d conn.", Integer.parseInt(count));
    }
}
