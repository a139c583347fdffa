package dev.gkstudio.backend.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.gkstudio.backend.eval.Evaluation.SampleResult;
import dev.gkstudio.backend.eval.Evaluation.Violation;
import dev.gkstudio.gatekeeper.cli.Engines;
import dev.gkstudio.gatekeeper.client.Result;
import dev.gkstudio.gatekeeper.client.ReviewResponse;
import dev.gkstudio.gatekeeper.gator.GatorError;
import dev.gkstudio.gatekeeper.gator.Suite;
import dev.gkstudio.gatekeeper.gator.SuiteReader;
import dev.gkstudio.gatekeeper.gator.VerifyRunner;
import dev.gkstudio.gatekeeper.util.Obj;

/**
 * Every case of every sample-policies suite gets the same answer in the Studio (the workspace evaluation behind
 * {@code /ws/eval}: the template YAML split into the editors' parts, the constraint, the object as the only sample
 * and the case's inventory) as from the CLI ({@code gkstudio verify}'s review of the case): the same violations
 * with the same constraint, enforcement action and message, or the same error.
 */
class EnginePathParityTest {
    private static final Path SAMPLES = Path.of("..", "sample-policies").toAbsolutePath().normalize();

    @Test
    void everySamplePolicyCaseGetsTheSameAnswerInTheStudioAndTheCli() throws Exception {
        List<Suite> suites = SuiteReader.read(SAMPLES + "/...");
        assertTrue(suites.size() >= 20, "sample suites found under " + SAMPLES + ": " + suites.size());
        VerifyRunner cli = new VerifyRunner(Engines.compiler(), false, false);
        WorkspaceEvaluator studio = new WorkspaceEvaluator();
        List<String> differences = new ArrayList<>();
        int cases = 0;
        int violating = 0;
        for (Suite s : suites) {
            Path dir = Path.of("/" + s.absolutePath()).getParent();
            for (Suite.Test t : s.tests()) {
                if (t.invalid() || t.skip()) {
                    continue;
                }
                for (Suite.Case c : t.cases()) {
                    if (c.skip()) {
                        continue;
                    }
                    List<String> fromCli = cli(cli, s, t, c);
                    List<String> fromStudio = studio(studio, dir, t, c);
                    cases++;
                    if (fromCli.stream().anyMatch(x -> !x.startsWith("error: "))) {
                        violating++;
                    }
                    if (!fromCli.equals(fromStudio)) {
                        differences.add(SAMPLES.relativize(dir) + " " + t.name() + "//" + c.name()
                                + "\n  cli:    " + fromCli + "\n  studio: " + fromStudio);
                    }
                }
            }
        }
        assertEquals(List.of(), differences, differences.size() + " of " + cases + " cases differ");
        // the comparison means something only if both paths were asked about many cases, many of them violating
        assertTrue(cases >= 100 && violating >= 40, cases + " cases, " + violating + " with violations");
    }

    private static List<String> cli(VerifyRunner runner, Suite s, Suite.Test t, Suite.Case c) {
        ReviewResponse response;
        try {
            response = runner.review(s, t, c);
        } catch (GatorError e) {
            return List.of("error: " + e.getMessage());
        }
        List<String> out = new ArrayList<>();
        for (Result r : response.results()) {
            out.add(line(Obj.kind(r.constraint()) + "/" + Obj.name(r.constraint()), r.enforcementAction(), r.msg()));
        }
        return out.stream().sorted().toList();
    }

    private static List<String> studio(WorkspaceEvaluator evaluator, Path dir, Suite.Test t, Suite.Case c)
            throws Exception {
        StringBuilder inventory = new StringBuilder();
        for (String file : c.inventory()) {
            inventory.append(Files.readString(dir.resolve(file))).append("\n---\n");
        }
        Workspace w = new Workspace(evaluator.split(Files.readString(dir.resolve(t.template()))),
                Files.readString(dir.resolve(t.constraint())), Files.readString(dir.resolve(c.object())),
                inventory.toString());
        Evaluation e = evaluator.evaluate(0, w, false);
        assertEquals(List.of(), e.problems().stream().filter(p -> "error".equals(p.severity())).toList(),
                dir + " " + t.name() + "//" + c.name());
        assertEquals(1, e.samples().size(), "samples of " + c.object());
        SampleResult r = e.samples().get(0);
        if (r.error() != null) {
            return List.of("error: " + r.error());
        }
        List<String> out = new ArrayList<>();
        for (Violation v : r.violations()) {
            out.add(line(v.constraint(), v.enforcementAction(), v.message()));
        }
        return out.stream().sorted().toList();
    }

    private static String line(String constraint, String action, String message) {
        return constraint + " [" + action + "] " + message;
    }
}
