package dev.gkstudio.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gkstudio.gatekeeper.cli.Main;
import dev.gkstudio.gatekeeper.template.ConstraintTemplate;
import dev.gkstudio.gatekeeper.template.RegoCode;
import dev.gkstudio.gatekeeper.template.TemplateReader;
import dev.gkstudio.gatekeeper.yaml.YamlLoader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The gallery policies that carry OPA unit tests in the gatekeeper-library layout ({@code <policy>/src/src.rego},
 * {@code src_test.rego}, libraries under {@code src/lib/}): the Rego there is the template's, and
 * {@code gkstudio rego test} passes on each (with {@code --v0-compatible} for v0 templates), as a CI job would run it.
 */
class SampleRegoUnitTest {
    private static final Path ROOT = Path.of("").toAbsolutePath();

    static List<Path> policiesWithUnitTests() throws IOException {
        try (Stream<Path> s = Files.walk(ROOT, 4)) {
            return s.filter(p -> p.getFileName().toString().equals("src_test.rego"))
                    .filter(p -> !p.startsWith(ROOT.resolve("src")) && !p.startsWith(ROOT.resolve("target")))
                    .map(p -> p.getParent().getParent())
                    .sorted()
                    .toList();
        }
    }

    static RegoCode templateRego(Path policy) throws Exception {
        String text = Files.readString(policy.resolve("template.yaml"));
        ConstraintTemplate t = TemplateReader.read(new YamlLoader().loadOne(text));
        return t.targets().get(0).rego();
    }

    @Test
    void atLeastTenPoliciesHaveUnitTests() throws IOException {
        assertTrue(policiesWithUnitTests().size() >= 10, policiesWithUnitTests().toString());
    }

    @Test
    void srcMatchesTheTemplate() throws Exception {
        for (Path p : policiesWithUnitTests()) {
            RegoCode rego = templateRego(p);
            assertEquals(rego.rego(), Files.readString(p.resolve("src/src.rego")), p + ": src/src.rego differs from template.yaml");
            TreeSet<String> libs = new TreeSet<>(rego.libs());
            TreeSet<String> files = new TreeSet<>();
            Path lib = p.resolve("src/lib");
            if (Files.isDirectory(lib)) {
                try (Stream<Path> s = Files.list(lib)) {
                    for (Path f : s.toList()) files.add(Files.readString(f));
                }
            }
            assertEquals(libs, files, p + ": src/lib/*.rego differ from the template's libs");
        }
    }

    @Test
    void regoTestPassesOnEveryPolicy() throws Exception {
        List<String> failures = new ArrayList<>();
        int tests = 0;
        for (Path p : policiesWithUnitTests()) {
            List<String> args = new ArrayList<>(List.of("rego", "test"));
            if (!templateRego(p).v1()) args.add("--v0-compatible");
            args.add(ROOT.relativize(p.resolve("src")).toString());
            PrintStream o = System.out;
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int code;
            try {
                System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
                code = Main.execute(args.toArray(String[]::new));
            } finally {
                System.setOut(o);
            }
            String text = out.toString(StandardCharsets.UTF_8);
            Matcher m = Pattern.compile("^PASS: (\\d+)/(\\d+)\n$").matcher(text);
            if (code != 0 || !m.matches() || !m.group(1).equals(m.group(2)) || Integer.parseInt(m.group(1)) < 3) {
                failures.add(String.join(" ", args) + " -> exit " + code + "\n" + text);
            } else {
                tests += Integer.parseInt(m.group(1));
            }
        }
        assertEquals(List.of(), failures);
        assertTrue(tests >= 30, "unit tests run: " + tests);
    }
}
