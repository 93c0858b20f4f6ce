package io.github.whoami.images;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The distribution step: what shipping one image through a registry costs. {@code TAG-v1} is the image
 * measured, pushed: the bytes the registry stores for it (its manifest's config and layers, as pushed,
 * compressed) and the median time of {@value #COLD_PULLS} cold pulls of it. Then {@link #before} and
 * {@link #after} push the two builds around a one-line source edit ({@link BuildStep}), made one after the
 * other on the same caches, as {@code TAG-before} and {@code TAG-after}: what the second has that the first
 * has not is the update.
 * Not v1 against the edited build: v1's module build may have taken other cache records (a runtime layer
 * linked in an earlier build, say), and a layer that differs for that reason alone is no cost of the edit.
 */
final class DistributionStep {

    /** Cold pulls of each image, each into a new empty store; the report gives their median. */
    static final int COLD_PULLS = 3;

    private final Registry registry;
    private final Problems problems;
    private final String repository;
    private final String tag;
    /** The references pushed, tagged locally until {@link #result} untags them. */
    private final List<String> references = new ArrayList<>();
    private Long storedBytes;
    private Long coldPullMillis;
    private Registry.Manifest beforeEdit;
    private Long updateBytes;

    /**
     * @param repository the repository the images go to in the registry
     * @param tag        the variant's name, the first part of every tag
     */
    DistributionStep(Registry registry, Problems problems, String repository, String tag) {
        this.registry = registry;
        this.problems = problems;
        this.repository = repository;
        this.tag = tag;
    }

    /** Pushes the measured image as {@code TAG-v1}, reads what the registry stores of it, and pulls it cold. */
    void pushMeasured(String image) throws InterruptedException {
        String reference = push(image, "v1");
        Registry.Manifest v1 = manifest(reference);
        storedBytes = v1 == null ? null : v1.bytes();
        try {
            List<Long> pulls = new ArrayList<>();
            for (int pull = 0; pull < COLD_PULLS; pull++) {
                pulls.add(registry.coldPull(reference));
            }
            coldPullMillis = Measurement.median(pulls);
        } catch (IOException e) {
            problems.add(reference + "'s cold pull: " + e.getMessage());
        }
    }

    /** Pushes the build before the edit as {@code TAG-before}. */
    void before(String image) throws InterruptedException {
        beforeEdit = manifest(push(image, "before"));
    }

    /** Pushes the build after the edit as {@code TAG-after}: its blobs the one before lacks are the update. */
    void after(String image) throws InterruptedException {
        Registry.Manifest afterEdit = manifest(push(image, "after"));
        if (beforeEdit != null && afterEdit != null) {
            updateBytes = afterEdit.bytesNotIn(beforeEdit);
        }
    }

    /** What was measured; the local tags of the pushes are removed. */
    Measurement.Distribution result() {
        registry.untag(references);
        return new Measurement.Distribution(storedBytes, updateBytes, coldPullMillis);
    }

    private String push(String image, String version) {
        String reference = registry.reference(repository, tag + "-" + version);
        references.add(reference);
        registry.push(image, reference);
        return reference;
    }

    /** The manifest of a pushed reference, or null, with a problem said, when it cannot be read. */
    private Registry.Manifest manifest(String reference) throws InterruptedException {
        try {
            return registry.manifest(reference);
        } catch (IOException | RuntimeException e) {
            problems.add(reference + "'s manifest: " + e.getMessage());
            return null;
        }
    }
}
