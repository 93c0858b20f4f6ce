package io.github.whoami.images;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * BuildKit's cache mounts ({@code RUN --mount=type=cache}): the ids a Dockerfile names, and the records
 * the engine keeps for them, as {@code docker buildx du --verbose} lists them.
 */
final class CacheMounts {

    private static final Pattern CACHE_MOUNT = Pattern.compile("--mount=type=cache,(?:\\S*,)?id=([^,\\s]+)");
    /** "Created at:	2026-12-07 13:21:03.656908463 +0000 UTC": to the second, with its offset. */
    private static final Pattern CREATED =
            Pattern.compile("(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d)(?:\\.\\d+)? ([+-]\\d{4})");
    private static final DateTimeFormatter CREATED_FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss Z");

    /**
     * One record of a cache mount.
     *
     * @param record      the record's ID, which {@code docker builder prune --filter id=} takes
     * @param description BuildKit's description, which ends {@code with id "/ID"}
     * @param created     when the record was made: an emptied cache is made again by the next build
     */
    record Mount(String record, String description, Instant created) {

        /** Whether this is the record of one of these cache ids, as a Dockerfile names them. */
        boolean isOneOf(Set<String> ids) {
            return ids.stream().anyMatch(id -> description.endsWith("with id \"/" + id + "\"")
                    || description.endsWith("with id \"" + id + "\""));
        }

        /**
         * Whether the record is older than {@code instant}, to the second its "Created at" gives; a record
         * whose time is unknown counts as older.
         */
        boolean madeBefore(Instant instant) {
            return created == null || created.isBefore(instant.truncatedTo(ChronoUnit.SECONDS));
        }
    }

    private CacheMounts() {
    }

    /** The cache ids a Dockerfile's {@code RUN --mount=type=cache,id=...} lines name. */
    static Set<String> named(String dockerfile) {
        Set<String> ids = new LinkedHashSet<>();
        Matcher mount = CACHE_MOUNT.matcher(dockerfile);
        while (mount.find()) {
            ids.add(mount.group(1));
        }
        return ids;
    }

    /** The engine's cache mount records: blocks of "Key: value" lines, apart by blank lines. */
    static List<Mount> list(Engine docker) {
        List<Mount> mounts = new ArrayList<>();
        for (String block : docker.run("buildx", "du", "--verbose").split("\\R\\s*\\R")) {
            Map<String, String> fields = new HashMap<>();
            block.lines().forEach(line -> {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    fields.putIfAbsent(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
                }
            });
            if ("exec.cachemount".equals(fields.get("Type"))) {
                Matcher created = CREATED.matcher(fields.getOrDefault("Created at", ""));
                mounts.add(new Mount(fields.get("ID"), fields.getOrDefault("Description", ""), created.find()
                        ? OffsetDateTime.parse(created.group(1) + " " + created.group(2), CREATED_FORMAT).toInstant()
                        : null));
            }
        }
        return mounts;
    }
}
