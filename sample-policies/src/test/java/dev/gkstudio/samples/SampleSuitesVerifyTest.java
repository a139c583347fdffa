package dev.gkstudio.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gkstudio.gatekeeper.cli.Engines;
import dev.gkstudio.gatekeeper.gator.Filter;
import dev.gkstudio.gatekeeper.gator.GoPrinter;
import dev.gkstudio.gatekeeper.gator.Suite;
import dev.gkstudio.gatekeeper.gator.SuiteReader;
import dev.gkstudio.gatekeeper.gator.VerifyResults;
import dev.gkstudio.gatekeeper.gator.VerifyRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Runs our gator {@code verify} over every suite of the sample policies. */
class SampleSuitesVerifyTest {
    private static final Path ROOT = Path.of("").toAbsolutePath();

    @Test
    void everyPolicyDirectoryHasASuite() throws IOException {
        List<String> missing = new ArrayList<>();
        try (Stream<Path> s = Files.walk(ROOT)) {
            s.filter(p -> p.getFileName().toString().equals("template.yaml"))
                    .filter(p -> !p.startsWith(ROOT.resolve("target")) && !p.startsWith(ROOT.resolve("src")))
                    .forEach(p -> {
                        if (!Files.exists(p.resolveSibling("suite.yaml"))) missing.add(ROOT.relativize(p.getParent()).toString());
                    });
        }
        assertEquals(List.of(), missing, "policy directories without suite.yaml");
    }

    @Test
    void everySuitePasses() throws Exception {
        List<Suite> suites = SuiteReader.read(ROOT + "/...");
        assertTrue(!suites.isEmpty(), "no suites found under " + ROOT);
        VerifyRunner runner = new VerifyRunner(Engines.compiler(), false, false);
        List<VerifyResults.SuiteResult> results = new ArrayList<>();
        boolean fail = false;
        for (Suite s : suites) {
            VerifyResults.SuiteResult r = runner.run(s, Filter.parse(""));
            fail |= r.isFailure();
            results.add(r);
        }
        String out = GoPrinter.print(results, false);
        assertTrue(!fail, out);
    }
}
