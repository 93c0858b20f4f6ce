package io.github.whoami.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The lint rules hadolint users know, checked on this module's Dockerfile without Docker (hadolint
 * itself cannot be installed here): a unit test, so {@code mvn test} and ci/lint.sh fail on a
 * violation. The rule codes in the names are hadolint's where it has one.
 */
class DockerfileRulesTest {

    /** One instruction, its continuation lines joined, with the line it starts on. */
    private record Instruction(int line, String keyword, String arguments) {
        @Override
        public String toString() {
            return "line " + line + ": " + keyword + " " + arguments;
        }
    }

    /** Helidon's and Quarkus' Dockerfiles, the model, take 20 to 40. */
    private static final int MAX_LINE_LENGTH = 100;
    private static final Pattern ARG = Pattern.compile("(\\w+)(?:=(\\S+))?");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{?(\\w+)}?");

    private static List<String> lines;
    private static List<Instruction> instructions;

    @BeforeAll
    static void parse() throws IOException {
        lines = Files.readAllLines(dockerfile());
        instructions = new ArrayList<>();
        StringBuilder current = null;
        int start = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (current == null && (line.isEmpty() || line.startsWith("#"))) {
                continue;
            }
            if (current != null && line.startsWith("#")) {
                continue; // a comment inside a continued instruction
            }
            if (current == null) {
                current = new StringBuilder();
                start = i + 1;
            }
            boolean continues = line.endsWith("\\");
            current.append(continues ? line.substring(0, line.length() - 1) : line).append(' ');
            if (!continues) {
                String text = current.toString().strip();
                int space = text.indexOf(' ');
                instructions.add(new Instruction(start, text.substring(0, space).toUpperCase(Locale.ROOT),
                        text.substring(space + 1).strip()));
                current = null;
            }
        }
        assertFalse(instructions.isEmpty(), "no instructions in " + dockerfile());
    }

    /** The module's Dockerfile, as the build names it. */
    private static Path dockerfile() {
        return Path.of(System.getProperty("image.dockerfile", "Dockerfile"));
    }

    private static List<Instruction> all(String keyword) {
        return instructions.stream().filter(i -> i.keyword().equals(keyword)).toList();
    }

    @Test
    void opensWithAHeaderSayingHowToBuildAndRunIt() {
        assertTrue(lines.getFirst().startsWith("# "), "the first line must be the header comment");
        String header = String.join("\n", lines.subList(0, lines.indexOf("")));
        assertTrue(header.contains("docker build") && header.contains("docker run"),
                "the header comment must show docker build and docker run: " + header);
    }

    @Test
    void noLineIsLongerThanAHundredCharactersSoThatAReaderSeesItWholeWhereverItIsShown() {
        List<String> longLines = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).length() > MAX_LINE_LENGTH) {
                longLines.add("line " + (i + 1) + " (" + lines.get(i).length() + " characters)");
            }
        }
        assertTrue(longLines.isEmpty(), dockerfile() + " has lines over " + MAX_LINE_LENGTH
                + " characters: " + longLines + "; break them with a backslash, or say less in the comment");
    }

    @Test
    void theJvmFlagsComeFromTheSharedArgfileOnly() throws IOException {
        List<Instruction> entrypoint = all("ENTRYPOINT");
        assertTrue(entrypoint.stream().allMatch(e -> e.arguments().contains("\"@/app/jvm.options\"")),
                entrypoint + ": java @/app/jvm.options, so that the flags are written once");
        // images/jvm.options, next to the variants' folders: none of its flags may be spelt out here too.
        Path argfile = dockerfile().toAbsolutePath().getParent().resolveSibling("jvm.options");
        List<String> flags = Files.readAllLines(argfile).stream()
                .filter(line -> line.startsWith("-")).map(line -> line.replaceFirst("=.*", "")).toList();
        assertFalse(flags.isEmpty(), "no flags in " + argfile);
        // The HEALTHCHECK's probe is a JVM of its own, with flags of its own.
        for (Instruction instruction : instructions.stream().filter(i -> !i.keyword().equals("HEALTHCHECK")).toList()) {
            for (String flag : flags) {
                assertFalse(instruction.arguments().contains(flag), instruction + ": " + flag + " belongs in " + argfile);
            }
        }
    }

    @Test
    void hasNoSyntaxDirectiveBecauseItPullsAFrontendFromARegistry() {
        for (String line : lines) {
            if (!line.startsWith("#")) {
                break; // parser directives are only valid before the first instruction
            }
            assertFalse(line.replace(" ", "").toLowerCase(Locale.ROOT).startsWith("#syntax="), line);
        }
    }

    /** The ARGs before the first FROM, the only ones a FROM line can use, with their defaults. */
    private static Map<String, String> globalArgs() {
        Map<String, String> globalArgs = new HashMap<>();
        for (Instruction instruction : instructions) {
            if (instruction.keyword().equals("FROM")) {
                break;
            }
            if (instruction.keyword().equals("ARG")) {
                Matcher arg = ARG.matcher(instruction.arguments());
                assertTrue(arg.matches(), instruction.toString());
                globalArgs.put(arg.group(1), arg.group(2));
            }
        }
        return globalArgs;
    }

    @Test
    void theBasesThePomDeclaresAreTheDockerfilesDefaults() {
        // The build passes no base: the pom's image.base.* say what the Dockerfile builds on, for the
        // comparison and the docs, and must not drift from it.
        Map<String, String> globalArgs = globalArgs();
        assertEquals(System.getProperty("image.base.build"), globalArgs.get("BUILD_IMAGE"), "BUILD_IMAGE");
        String runtime = System.getProperty("image.base.runtime");
        boolean oneStage = runtime.equals(System.getProperty("image.base.build"));
        if (runtime.equals("scratch") || oneStage) {
            assertFalse(globalArgs.containsKey("RUNTIME_IMAGE"), "no RUNTIME_IMAGE where the image is "
                    + (oneStage ? "the build stage" : "FROM scratch"));
        } else {
            assertEquals(runtime, globalArgs.get("RUNTIME_IMAGE"), "RUNTIME_IMAGE");
        }
    }

    @Test
    void everyBaseIsABuildArgumentWithAPinnedDefaultTagDL3006DL3007() {
        Map<String, String> globalArgs = globalArgs();
        Set<String> stages = new HashSet<>();
        for (Instruction from : all("FROM")) {
            String[] words = from.arguments().split("\\s+");
            String image = words[0];
            if (words.length == 3 && words[1].equalsIgnoreCase("AS")) {
                stages.add(words[2]);
            }
            if (image.equals("scratch") || stages.contains(image)) {
                continue;
            }
            Matcher variable = VARIABLE.matcher(image);
            assertTrue(variable.matches(),
                    from + ": a base must be a build argument, so an air-gapped user can point it at a mirror");
            String value = globalArgs.get(variable.group(1));
            assertTrue(value != null && !value.isBlank(), from + ": the build argument needs a default, an official image");
            String tag = value.contains("@") ? value.substring(0, value.indexOf('@')) : value;
            int colon = tag.lastIndexOf(':');
            assertTrue(colon > tag.lastIndexOf('/'), from + ": " + value + " has no tag (DL3006)");
            assertFalse(tag.substring(colon + 1).equals("latest"), from + ": " + value + " uses latest (DL3007)");
        }
    }

    @Test
    void copyFromNamesAStageDefinedAboveDL3022() {
        Set<String> stages = new HashSet<>();
        for (Instruction instruction : instructions) {
            if (instruction.keyword().equals("FROM")) {
                String[] words = instruction.arguments().split("\\s+");
                if (words.length == 3) {
                    stages.add(words[2]);
                }
            }
            Matcher from = Pattern.compile("--from=(\\S+)").matcher(instruction.arguments());
            if (instruction.keyword().equals("COPY") && from.find()) {
                assertTrue(stages.contains(from.group(1)), instruction + ": no stage named " + from.group(1) + " above");
            }
        }
    }

    @Test
    void theTargetStageExistsAndItsLastUserIsANumericNonRootUidDL3002() {
        String target = System.getProperty("image.target", "image");
        List<Instruction> froms = all("FROM");
        Instruction stage = froms.stream().filter(from -> from.arguments().matches(".*\\s+(?i:AS)\\s+" + target))
                .findFirst().orElseThrow(() -> new AssertionError("no stage named " + target + ", the build's --target"));
        // The stage's own USER, or that of the stage it is built FROM, and so on up.
        Instruction user = null;
        for (Instruction current = stage; user == null && current != null; ) {
            Instruction from = current;
            int end = froms.stream().mapToInt(Instruction::line).filter(line -> line > from.line()).min().orElse(Integer.MAX_VALUE);
            user = all("USER").stream().filter(u -> u.line() > from.line() && u.line() < end)
                    .reduce((first, second) -> second).orElse(null);
            String parent = from.arguments().split("\\s+")[0];
            current = froms.stream().filter(f -> f.arguments().matches(".*\\s+(?i:AS)\\s+" + Pattern.quote(parent)))
                    .findFirst().orElse(null);
        }
        assertTrue(user != null, "stage " + target + " sets no USER: the container would run as root");
        String uid = user.arguments().split(":")[0];
        assertTrue(uid.matches("\\d+"), user + ": Kubernetes' runAsNonRoot can only check a numeric UID");
        assertFalse(uid.equals("0"), user + ": root");
    }

    @Test
    void entrypointCmdAndHealthcheckUseExecFormDL3025() {
        List<Instruction> commands = new ArrayList<>(all("ENTRYPOINT"));
        commands.addAll(all("CMD"));
        assertFalse(all("ENTRYPOINT").isEmpty(), "no ENTRYPOINT");
        for (Instruction command : commands) {
            assertTrue(command.arguments().startsWith("["), command + ": exec form, so java is PID 1 and gets SIGTERM");
        }
        List<Instruction> healthchecks = all("HEALTHCHECK");
        assertEquals(1, healthchecks.size(), "one HEALTHCHECK");
        String test = healthchecks.getFirst().arguments().replaceAll("--\\S+\\s+", "");
        assertTrue(test.startsWith("CMD ["), healthchecks.getFirst() + ": exec form, no shell needed");
    }

    @Test
    void copiesWithCopyNotAddDL3020() {
        assertEquals(List.of(), all("ADD"), "COPY local files; ADD fetches URLs and unpacks archives by surprise");
    }

    @Test
    void noTwoRunInstructionsInARowDL3059() {
        for (int i = 1; i < instructions.size(); i++) {
            if (instructions.get(i).keyword().equals("RUN") && instructions.get(i - 1).keyword().equals("RUN")) {
                fail(instructions.get(i - 1) + "\nfollowed by\n" + instructions.get(i)
                        + "\nmake them one RUN (one layer), or say why not with an instruction between");
            }
        }
    }

    @Test
    void workdirIsAbsoluteDL3000() {
        for (Instruction workdir : all("WORKDIR")) {
            assertTrue(workdir.arguments().startsWith("/"), workdir.toString());
        }
    }

    @Test
    void noSudoAndNoUpgradeOfTheBaseDL3004DL3005() {
        for (Instruction run : all("RUN")) {
            assertFalse(run.arguments().matches(".*\\bsudo\\b.*"), run + ": sudo (DL3004)");
            assertFalse(run.arguments().matches(".*\\b(apt-get|apt|apk) (dist-)?upgrade\\b.*"),
                    run + ": upgrade the base image instead (DL3005)");
        }
    }

    @Test
    void everyMavenRunUsesABuildKitCacheMountForTheRepository() {
        List<Instruction> maven = all("RUN").stream().filter(run -> run.arguments().matches(".*\\bmvn\\b.*")).toList();
        assertFalse(maven.isEmpty(), "no Maven build");
        for (Instruction run : maven) {
            assertTrue(run.arguments().contains("--mount=type=cache,id=maven-repository,target=/root/.m2/repository"),
                    run + ": the cache mount, one id for every variant's build");
        }
    }

    /**
     * One link recipe: a Dockerfile that links a runtime takes every jlink option from images/jlink.args,
     * in a stage that copies no source, and its pom's image.runtime.modules are that file's modules.
     */
    @Test
    void aLinkedRuntimeComesFromTheSharedJlinkArgsInAStageWithoutSources() throws IOException {
        List<Instruction> links = all("RUN").stream().filter(run -> run.arguments().matches(".*\\bjlink\\b.*")).toList();
        if (links.isEmpty()) {
            return; // a variant on a full JDK or JRE
        }
        Path jlinkArgs = dockerfile().toAbsolutePath().getParent().getParent().resolve("jlink.args");
        for (Instruction link : links) {
            assertTrue(link.arguments().contains("--mount=type=bind,source=images/jlink.args,target=/tmp/jlink.args")
                    && link.arguments().contains("jlink @/tmp/jlink.args --output"), link + ": jlink @images/jlink.args only");
            assertFalse(link.arguments().contains("--add-modules"), link + ": the modules belong in images/jlink.args");
            int from = instructions.stream().filter(i -> i.keyword().equals("FROM") && i.line() < link.line())
                    .mapToInt(Instruction::line).max().orElseThrow();
            List<Instruction> stage = instructions.stream().filter(i -> i.line() > from && i.line() <= link.line()).toList();
            assertTrue(stage.stream().noneMatch(i -> i.keyword().equals("COPY") || i.arguments().contains("whoami-app")),
                    link + ": the link stage must not see the sources, or every edit links again");
        }
        String modules = Files.readAllLines(jlinkArgs).stream().map(String::strip)
                .filter(line -> line.startsWith("--add-modules ")).map(line -> line.substring(14).strip())
                .findFirst().orElseThrow();
        assertEquals(modules, System.getProperty("image.runtime.modules"),
                "the pom's image.runtime.modules must be images/jlink.args' modules");
    }

    @Test
    void labelsCarryTheOciAnnotationsFromBuildArguments() {
        String labels = String.join(" ", all("LABEL").stream().map(Instruction::arguments).toList());
        for (String key : List.of("title", "description", "source", "version", "revision", "created")) {
            assertTrue(labels.contains("org.opencontainers.image." + key + "="), "no OCI label " + key);
        }
        for (String arg : List.of("SOURCE", "VERSION", "REVISION", "CREATED")) {
            assertTrue(labels.contains("${" + arg + "}"), "the " + arg + " label must come from the build");
        }
    }
}
