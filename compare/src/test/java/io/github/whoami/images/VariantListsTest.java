package io.github.whoami.images;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A variant is a folder, images/&lt;variant&gt;/ with a pom.xml and a Dockerfile (or a pom.xml alone that
 * builds with Jib), the README.md that walks through them and its Kubernetes overlay; every list of the variants elsewhere derives from the folders: the workflow's matrix
 * (ci/variants-matrix.sh lists the folders with the reproducible flag each pom declares), the comparison's
 * variants, and the README's table of the images. No Docker needed.
 */
class VariantListsTest {

    private static final Path ROOT = Path.of("..");

    private static List<String> folders;
    private static List<Variant> variants;

    @BeforeAll
    static void readThePoms() throws IOException {
        folders = VariantPoms.folders(ROOT);
        variants = VariantPoms.read(ROOT, Map.of());
        assertTrue(folders.size() >= 2, "variant folders under images/: " + folders);
    }

    @Test
    void eachVariantFolderHoldsItsPomItsDockerfileOrJibItsReadmeAndItsOverlay() throws IOException {
        for (String folder : folders) {
            Path module = ROOT.resolve("images").resolve(folder);
            try (Stream<Path> files = Files.list(module)) {
                Set<String> names = files.map(file -> file.getFileName().toString())
                        .filter(name -> !name.equals("target")).collect(Collectors.toCollection(TreeSet::new));
                String expected = "images/" + folder + "/: pom.xml, Dockerfile (or a pom that builds with Jib), README.md "
                        + "and kubernetes/, nothing else (docs/adding-a-variant.md)";
                if (names.contains("Dockerfile")) {
                    assertEquals(Set.of("Dockerfile", "README.md", "kubernetes", "pom.xml"), names, expected);
                } else {
                    assertEquals(Set.of("README.md", "kubernetes", "pom.xml"), names, expected);
                    assertTrue(Files.readString(module.resolve("pom.xml")).contains("<artifactId>jib-maven-plugin</artifactId>"),
                            "images/" + folder + "/ has no Dockerfile, so its pom builds the image with jib-maven-plugin");
                }
            }
        }
    }

    @Test
    void everyVariantFolderIsAnImageModuleThatDeclaresItsVariant() {
        // VariantPoms.read fails on a folder images/pom.xml does not list, or a pom that names another variant.
        assertEquals(folders, variants.stream().map(Variant::name).sorted().toList());
    }

    @Test
    void jibBuildsOnTheJreBaseOfMultistage() {
        // Jib is what a team would use instead of multistage's Dockerfile: one base, so the two compare.
        Map<String, String> bases = variants.stream().collect(Collectors.toMap(Variant::name, Variant::runtimeBase));
        assertEquals(bases.get("multistage"), bases.get("jib"), "images/jib/pom.xml's image.base.runtime: multistage's");
    }

    @Test
    void theComparisonMeasuresEveryVariant() throws IOException {
        String listed = VariantPoms.properties(ROOT.resolve("compare/pom.xml")).getOrDefault("compare.variants", "");
        List<String> measured = Comparison.selected(variants, listed).stream().map(Variant::name).sorted().toList();
        assertEquals(folders, measured, "compare.variants in compare/pom.xml: empty measures every variant");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theWorkflowTakesItsMatrixFromTheSetupJobThatListsTheFolders() throws IOException {
        String text = Files.readString(ROOT.resolve(".github/workflows/ci.yml"));
        Map<String, Object> jobs = (Map<String, Object>) ((Map<String, Object>) new Yaml().load(text)).get("jobs");
        Map<String, Object> image = (Map<String, Object>) jobs.get("image");
        assertEquals("variants", image.get("needs"), "ci.yml's image job needs the variants job, which lists the folders");
        Object matrix = ((Map<String, Object>) image.get("strategy")).get("matrix");
        assertEquals("${{ fromJSON(needs.variants.outputs.matrix) }}", matrix,
                "ci.yml's image job takes its matrix from the variants job's output, not from a list of its own");
        Map<String, Object> variantsJob = (Map<String, Object>) jobs.get("variants");
        assertTrue(String.valueOf(variantsJob.get("steps")).contains("ci/variants-matrix.sh"),
                "ci.yml's variants job runs ci/variants-matrix.sh");
        for (String variant : folders) {
            Pattern name = Pattern.compile("(?<![\\w-])" + Pattern.quote(variant) + "(?![\\w-])");
            assertFalse(name.matcher(text).find(), "ci.yml names the variant " + variant
                    + ": the matrix and its comments follow the folders under images/ without naming them");
        }
    }

    @Test
    void theMatrixScriptListsEveryVariantFolderWithItsReproducibleFlag() throws IOException, InterruptedException {
        Process script = new ProcessBuilder("bash", "ci/variants-matrix.sh").directory(ROOT.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String output = new String(script.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(script.waitFor(30, TimeUnit.SECONDS), "ci/variants-matrix.sh did not end within 30 s");
        assertEquals(0, script.exitValue(), "ci/variants-matrix.sh failed: " + output);
        JsonArray include = Json.createReader(new StringReader(output)).readObject().getJsonArray("include");
        Map<String, Boolean> listed = new TreeMap<>();
        for (JsonValue entry : include) {
            JsonObject object = entry.asJsonObject();
            listed.put(object.getString("variant"), object.getBoolean("reproducible"));
        }
        Map<String, Boolean> declared = new TreeMap<>();
        variants.forEach(variant -> declared.put(variant.name(), variant.reproducible()));
        assertEquals(declared, listed, "ci/variants-matrix.sh: every variant folder, with its pom's image.reproducible");
    }

    @Test
    void theReadmeTableOfTheVariantsIsTheOneTheirPomsRender() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        int begin = readme.indexOf(VariantTable.BEGIN);
        int end = readme.indexOf(VariantTable.END);
        assertTrue(begin >= 0 && end > begin, "the README's table of the variants sits between " + VariantTable.BEGIN
                + " and " + VariantTable.END);
        assertEquals(VariantTable.markdown(ROOT), readme.substring(begin + VariantTable.BEGIN.length(), end).strip() + "\n",
                "the README's table of the variants: each row is its pom's image.description and image.pick-it-when; "
                        + "edit the pom, then paste this table between the marks");
    }

    @Test
    void everyVariantDeclaresTheGoalsItIsHeldTo() throws IOException {
        // Goals.read fails on a goal it does not know, or a size goal without its limit.
        Map<String, Goals> goals = Goals.read(ROOT);
        assertEquals(folders, goals.keySet().stream().sorted().toList());
        goals.forEach((variant, held) -> assertTrue(held.holds("memory"), "images/" + variant
                + "/pom.xml: image.goals holds every image to memory, the limit a pod runs it under"));
    }

    @Test
    void everyVariantHasItsReadmeAndItsOverlayInItsFolder() throws IOException {
        // GitHub shows the README when a reader opens the folder; ci/deploy-check.sh and PodSettingsIT
        // render the overlay, and DeployFiguresTest checks that it names only the variant's image.
        for (String variant : folders) {
            Path folder = ROOT.resolve("images").resolve(variant);
            Path readme = folder.resolve("README.md");
            assertTrue(Files.isRegularFile(readme), "images/" + variant + "/ has no README.md: add one that walks "
                    + "through its Dockerfile, what it ships and why (docs/adding-a-variant.md)");
            assertEquals("# " + variant, Files.readString(readme).lines().findFirst().orElse("").strip(),
                    "images/" + variant + "/README.md's first line: the variant's name as its title");
            assertTrue(Files.isRegularFile(folder.resolve("kubernetes/kustomization.yaml")), "images/" + variant
                    + "/ has no Kubernetes overlay: add kubernetes/kustomization.yaml (docs/adding-a-variant.md)");
        }
    }

    @Test
    void everyLinkFromAVariantFolderToTheDockerfilesPageFindsItsSection() throws IOException {
        // The Dockerfiles' comments and the READMEs link the shared techniques by their anchors there.
        Set<String> anchors = Files.readString(ROOT.resolve("docs/dockerfiles.md")).lines()
                .filter(line -> line.startsWith("#")).map(VariantListsTest::anchor).collect(Collectors.toSet());
        Pattern link = Pattern.compile("docs/dockerfiles\\.md#([\\w-]+)");
        for (String variant : folders) {
            for (String file : List.of("Dockerfile", "README.md")) {
                Path path = ROOT.resolve("images").resolve(variant).resolve(file);
                if (Files.exists(path)) {
                    link.matcher(Files.readString(path)).results().map(match -> match.group(1)).forEach(anchor ->
                            assertTrue(anchors.contains(anchor), "images/" + variant + "/" + file + " links "
                                    + "docs/dockerfiles.md#" + anchor + ", a section that page does not have"));
                }
            }
        }
    }

    /** The anchor GitHub gives a Markdown heading: lower case, punctuation dropped, spaces as hyphens. */
    private static String anchor(String heading) {
        return heading.replaceFirst("^#+", "").strip().toLowerCase(java.util.Locale.ROOT)
                .replaceAll("[^\\w\\- ]", "").replace(' ', '-');
    }

    @Test
    void noPageEnumeratesTheVariantsSectionBySection() throws IOException {
        // A variant's walk-through lives in its folder: a section named after a variant in docs/ would
        // be a list that goes stale when a variant is added.
        try (Stream<Path> pages = Files.list(ROOT.resolve("docs"))) {
            for (Path page : pages.filter(page -> page.toString().endsWith(".md")).sorted().toList()) {
                List<String> headings = Files.readString(page).lines().filter(line -> line.startsWith("#"))
                        .map(line -> line.replaceFirst("^#+", "").strip()).toList();
                for (String variant : folders) {
                    assertFalse(headings.contains(variant), "docs/" + page.getFileName() + " has a section \""
                            + variant + "\": it belongs in images/" + variant + "/README.md");
                }
            }
        }
    }
}
