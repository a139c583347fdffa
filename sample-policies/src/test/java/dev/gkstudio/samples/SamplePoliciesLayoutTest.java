package dev.gkstudio.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Structural checks of the sample policy gallery: every policy has a template, a README, a
 * suite whose referenced files exist, complete samples, and an entry in catalog.yaml.
 * Evaluating the suites is the job of the {@code verify} command.
 */
class SamplePoliciesLayoutTest {

    private static final Path ROOT = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
    private static final Pattern PATH_FIELD =
            Pattern.compile("^\\s*(?:-\\s+)?(?:object|constraint|template):\\s*(\\S+)\\s*$", Pattern.MULTILINE);
    private static final Pattern INVENTORY_ITEM =
            Pattern.compile("^\\s+-\\s+((?:samples|tests)/\\S+)\\s*$", Pattern.MULTILINE);
    private static final Pattern KIND =
            Pattern.compile("names:\\s*\\n\\s+kind:\\s*(\\S+)");
    private static final Pattern NAME =
            Pattern.compile("^metadata:\\s*\\n\\s+name:\\s*(\\S+)", Pattern.MULTILINE);
    private static final Pattern IMPORT = Pattern.compile("^\\s*import\\s+(\\S+)", Pattern.MULTILINE);

    static List<Path> policies() {
        try (Stream<Path> files = Files.walk(ROOT, 3)) {
            return files.filter(p -> p.getFileName().toString().equals("template.yaml"))
                    .filter(p -> !p.startsWith(ROOT.resolve("src")) && !p.startsWith(ROOT.resolve("target")))
                    .map(Path::getParent)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void galleryHasAtLeastTwentyFivePolicies() {
        assertTrue(policies().size() >= 25, "policies: " + policies().size());
    }

    @Test
    void catalogListsExactlyThePolicyFolders() {
        String catalog = read(ROOT.resolve("catalog.yaml"));
        List<String> listed = new ArrayList<>();
        Matcher m = Pattern.compile("^\\s+path:\\s*(\\S+)\\s*$", Pattern.MULTILINE).matcher(catalog);
        while (m.find()) {
            listed.add(m.group(1));
        }
        List<String> actual = policies().stream()
                .map(p -> ROOT.relativize(p).toString().replace('\\', '/'))
                .toList();
        assertEquals(actual.stream().sorted().toList(), listed.stream().sorted().toList());
    }

    @TestFactory
    Stream<DynamicTest> everyPolicyIsComplete() {
        return policies().stream().map(dir -> DynamicTest.dynamicTest(ROOT.relativize(dir).toString(), () -> {
            assertTrue(Files.isRegularFile(dir.resolve("README.md")), "README.md");
            Path suite = dir.resolve("suite.yaml");
            assertTrue(Files.isRegularFile(suite), "suite.yaml");
            String suiteText = read(suite);
            assertTrue(suiteText.contains("kind: Suite"), "suite kind");
            assertTrue(suiteText.contains("apiVersion: test.gatekeeper.sh/v1alpha1"), "suite apiVersion");
            assertTrue(suiteText.contains("violations: 0"), "suite has an allowed case");
            assertTrue(Pattern.compile("violations: [1-9]").matcher(suiteText).find(), "suite has a disallowed case");
            assertTrue(suiteText.contains("message: "), "suite asserts messages");
            for (Pattern p : List.of(PATH_FIELD, INVENTORY_ITEM)) {
                Matcher m = p.matcher(suiteText);
                while (m.find()) {
                    assertTrue(Files.isRegularFile(dir.resolve(m.group(1))), "suite references " + m.group(1));
                }
            }

            String template = read(dir.resolve("template.yaml"));
            assertTrue(template.startsWith("apiVersion: templates.gatekeeper.sh/v1\n"), "template apiVersion");
            Matcher kind = KIND.matcher(template);
            Matcher name = NAME.matcher(template);
            assertTrue(kind.find() && name.find(), "kind and name");
            assertEquals(kind.group(1).toLowerCase(Locale.ROOT), name.group(1), "name is lowercase kind");
            assertTrue(template.contains("openAPIV3Schema:"), "parameters schema");
            Matcher imports = IMPORT.matcher(template);
            while (imports.find()) {
                String ref = imports.group(1);
                assertTrue(ref.startsWith("data.lib.") || ref.startsWith("future."), "import " + ref);
            }

            try (Stream<Path> samples = Files.list(dir.resolve("samples"))) {
                List<Path> sampleDirs = samples.filter(Files::isDirectory).toList();
                assertFalse(sampleDirs.isEmpty(), "samples");
                for (Path s : sampleDirs) {
                    assertTrue(Files.isRegularFile(s.resolve("constraint.yaml")), s + "/constraint.yaml");
                    try (Stream<Path> files = Files.list(s)) {
                        List<String> names = files.map(f -> f.getFileName().toString()).toList();
                        assertTrue(names.stream().anyMatch(n -> n.startsWith("example_allowed")), s + " allowed example");
                        assertTrue(names.stream().anyMatch(n -> n.startsWith("example_disallowed")), s + " disallowed example");
                    }
                }
            }
        }));
    }
}
