package io.github.whoami.images;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The comparison's goals one variant is held to, as its pom declares them: {@code image.goals} names
 * them (comma-separated), {@code image.goal.size-mb} gives the size the {@code size} goal allows.
 *
 * @param held          the goals named in {@code image.goals}
 * @param maxSizeBytes  the {@code size} goal's limit, or -1 where the variant is not held to one
 * @param withoutCache  for the {@code start-up} goal: the variant that is the same image without the
 *                      AOT cache (same runtime base and modules, no cache), whose start-up and size the
 *                      cache's cost is given against; empty where there is none
 */
record Goals(Set<String> held, long maxSizeBytes, String withoutCache) {

    /** Every goal a pom can name, in the order the report lists a variant's goals. */
    static final List<String> NAMES = List.of("size", "start-up", "no-shell", "memory", "throughput", "scaling",
            "rebuild");

    static final Goals NONE = new Goals(Set.of(), -1, "");

    boolean holds(String goal) {
        return held.contains(goal);
    }

    /**
     * Each variant's goals, by name, in the order of images/pom.xml's modules.
     *
     * @throws IllegalStateException naming the pom that names an unknown goal, or a size goal without
     *                               its limit
     */
    static Map<String, Goals> read(Path root) throws IOException {
        List<Variant> variants = VariantPoms.read(root, Map.of());
        Map<String, Map<String, String>> declared = VariantPoms.declared(root);
        Map<String, Goals> goals = new LinkedHashMap<>();
        for (Variant variant : variants) {
            Map<String, String> properties = declared.get(variant.name());
            String pom = "images/" + variant.name() + "/pom.xml";
            Set<String> held = Arrays.stream(properties.getOrDefault("image.goals", "").split(","))
                    .map(String::strip).filter(name -> !name.isEmpty()).collect(Collectors.toUnmodifiableSet());
            for (String name : held) {
                if (!NAMES.contains(name)) {
                    throw new IllegalStateException(pom + ": image.goals names " + name + ", which is no goal: pick from "
                            + String.join(", ", NAMES));
                }
            }
            String size = properties.get("image.goal.size-mb");
            if (held.contains("size") && (size == null || !size.matches("\\d+"))) {
                throw new IllegalStateException(pom + ": image.goals names size, so image.goal.size-mb gives the most "
                        + "megabytes the image may take, as a whole number");
            }
            String withoutCache = variants.stream()
                    .filter(other -> !other.aotCache() && other.runtimeBase().equals(variant.runtimeBase())
                            && other.runtimeModules().equals(variant.runtimeModules()))
                    .map(Variant::name).findFirst().orElse("");
            goals.put(variant.name(), new Goals(held, held.contains("size") ? Long.parseLong(size) * 1_000_000 : -1,
                    withoutCache));
        }
        return goals;
    }
}
