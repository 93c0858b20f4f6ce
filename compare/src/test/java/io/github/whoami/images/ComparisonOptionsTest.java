package io.github.whoami.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The comparison's options: read in one place, a malformed one said in one sentence, the run's command rebuilt from them. */
class ComparisonOptionsTest {

    private static final List<String> GIVEN = List.of("variants=jlink,scratch", "repository=whoami", "docker=docker",
            "network=host", "context=..", "baseline=../baseline/go", "out=target/compare", "loadSeconds=30",
            "connections=32", "busyConnections=1000", "startRuns=5", "buildTimes=true",
            "registry=127.0.0.1:5000/whoami-compare");

    @Test
    void anOptionWithoutAnEqualsSignIsOneSentenceNotAStringIndexOutOfBounds() {
        IllegalArgumentException failure = assertThrows(IllegalArgumentException.class,
                () -> ComparisonOptions.parse(with("-Dx")));
        assertEquals("The comparison's option \"-Dx\" is not key=value: give each as key=value, as compare/pom.xml "
                + "does (e.g. loadSeconds=30).", failure.getMessage());
    }

    @Test
    void aNumberThatIsNoneAndAMissingOptionAreSaidByName() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ComparisonOptions.parse(with("loadSeconds=ten")))
                .getMessage().startsWith("The comparison's option loadSeconds=ten is not a whole number above 0"));
        List<String> withoutOut = new ArrayList<>(GIVEN);
        withoutOut.remove("out=target/compare");
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> ComparisonOptions.parse(withoutOut.toArray(String[]::new))).getMessage()
                .startsWith("The comparison's option out is missing"));
    }

    @Test
    void theRunLineCarriesEveryOptionThatChangesWhatIsMeasured() {
        assertEquals("ci/test.sh -Pcompare -Dcompare.variants=jlink,scratch -Dcompare.load.seconds=30 "
                        + "-Dcompare.connections=32 -Dcompare.busy.connections=1000 -Dcompare.start.runs=5 "
                        + "-Dcompare.build.times=true -Dcompare.registry=127.0.0.1:5000/whoami-compare",
                ComparisonOptions.parse(GIVEN.toArray(String[]::new)).command());
    }

    private static String[] with(String arg) {
        List<String> args = new ArrayList<>(GIVEN);
        args.removeIf(given -> given.startsWith(arg.split("=")[0] + "="));
        args.add(arg);
        return args.toArray(String[]::new);
    }
}
