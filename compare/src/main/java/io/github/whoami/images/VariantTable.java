package io.github.whoami.images;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The README's table of the variants, rendered from each variant pom's own words: {@code image.description}
 * (what the image holds) and {@code image.pick-it-when}, one row per variant in the order of images/pom.xml's
 * modules, its name linking the variant's folder (GitHub shows the folder's README.md there). It stands between {@link #BEGIN} and {@link #END} in the README.
 */
final class VariantTable {

    static final String BEGIN = "<!-- variants:begin -->";
    static final String END = "<!-- variants:end -->";

    private VariantTable() {
    }

    /**
     * @throws IllegalStateException naming the pom that lacks one of the two properties
     */
    static String markdown(Path root) throws IOException {
        StringBuilder table = new StringBuilder("| variant | what the image holds | pick it when |\n|---|---|---|\n");
        for (Map.Entry<String, Map<String, String>> variant : VariantPoms.declared(root).entrySet()) {
            table.append("| [`").append(variant.getKey()).append("`](images/").append(variant.getKey()).append("/) | ")
                    .append(required(variant, "image.description")).append(" | ")
                    .append(required(variant, "image.pick-it-when")).append(" |\n");
        }
        return table.toString();
    }

    private static String required(Map.Entry<String, Map<String, String>> variant, String key) {
        String value = variant.getValue().get(key);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("images/" + variant.getKey() + "/pom.xml declares no " + key
                    + ": the README's table of the variants is rendered from it");
        }
        return value;
    }
}
