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
 * A variant is a folder, images/&lt;variant&gt;/ with a pom.xml and a Dockerfile, or a pom.xml alone that
 * builds with Jib; every list of the variants elsewhere derives from the folders: the workflow's matrix
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
    void eachVariantFolderHoldsExactlyAPomAndADockerfileOrAPomThatBuildsWithJib() throws IOException {
        for (String folder : folders) {
            Path module = ROOT.resolve("images").resolve(folder);
            try (Stream<Path> files = Files.list(module)) {
                Set<String> names = files.map(file -> file.getFileName().toString())
                        .filter(name -> !name.equals("target")).collect(Collectors.toCollection(TreeSet::new));
                if (names.contains("Dockerfile")) {
                    assertEquals(Set.of("Dockerfile", "pom.xml"), names, "images/" + folder + "/");
                } else {
                    assertEquals(Set.of("pom.xml"), names, "images/" + folder + "/: a pom and a Dockerfile, or a pom alone");
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
    void everyVariantHasItsSectionAndItsRowInTheDockerfilesPage() throws IOException {
        // Each Dockerfile's comments link its section there; the page's table gives each one's stages.
        String page = Files.readString(ROOT.resolve("docs/dockerfiles.md"));
        List<String> headings = page.lines().filter(line -> line.startsWith("## ")).map(line -> line.substring(3).strip())
                .toList();
        for (String variant : folders) {
            assertTrue(headings.contains(variant), "docs/dockerfiles.md has no section \"## " + variant
                    + "\": add one that walks through images/" + variant + "/ (what it ships and why)");
            if (Files.exists(ROOT.resolve("images").resolve(variant).resolve("Dockerfile"))) {
                assertTrue(page.lines().anyMatch(line -> line.startsWith("| `" + variant + "` |")),
                        "docs/dockerfiles.md's table of the Dockerfiles has no row for " + variant
                                + ": add one with its build stage, what it runs on and what it ships");
            }
        }
    }
}
