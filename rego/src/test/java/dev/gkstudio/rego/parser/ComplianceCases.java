package dev.gkstudio.rego.parser;

import dev.gkstudio.rego.ast.RegoVersion;
import org.junit.jupiter.api.Assumptions;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Reads OPA's compliance cases (never copied into the repo) from {@code opa.compliance.dir}. */
public final class ComplianceCases {
    private ComplianceCases() {}

    /** One case: file, index, note, query, modules. */
    public record Case(Path file, int index, String note, String query, List<String> modules, RegoVersion version) {
        public String id() { return file.getParent().getFileName() + "/" + file.getFileName() + "#" + index + " " + note; }
    }

    /** How to get the cases, in one line: printed when they are missing. */
    static final String HOW_TO_GET = "OPA compliance cases not found: clone https://github.com/open-policy-agent/opa and set "
            + "OPA_COMPLIANCE_DIR to its v1/test/cases/testdata (the folder holding v0/ and v1/), or put that folder at "
            + "../shared/opa-compliance next to this repository";

    private static volatile boolean told;

    /**
     * Where the cases are: {@code -Dopa.compliance.dir}, else the environment's {@code OPA_COMPLIANCE_DIR}, else
     * {@code ../shared/opa-compliance} beside the repository (the build passes the repository root as
     * {@code gkstudio.repo.root}; without it the module's parent is the root). Empty values count as unset.
     */
    public static Path root() {
        for (String configured : new String[] {System.getProperty("opa.compliance.dir"), System.getenv("OPA_COMPLIANCE_DIR")}) {
            if (configured != null && !configured.isBlank()) {
                Path p = Paths.get(configured);
                return Files.isDirectory(p) ? p : null;
            }
        }
        String repo = System.getProperty("gkstudio.repo.root");
        Path root = repo == null || repo.isBlank() ? Paths.get("..") : Paths.get(repo);
        Path beside = root.resolve("../shared/opa-compliance").normalize();
        return Files.isDirectory(beside) ? beside : null;
    }

    /**
     * The compliance directory, or the calling test is skipped: a newcomer's clone has no cases, and the rest of the
     * suite must still pass. The one-line explanation is printed once per run; {@code .ci/run} reports how many cases
     * ran, so a missing checkout is visible there.
     */
    public static Path requireRoot() {
        Path r = root();
        if (r == null) {
            if (!told) {
                told = true;
                System.out.println(HOW_TO_GET);
            }
            Assumptions.assumeTrue(false, HOW_TO_GET);
        }
        return r;
    }

    @SuppressWarnings("unchecked")
    public static List<Case> load(String tree) throws IOException {
        Path root = requireRoot();
        List<Case> out = new ArrayList<>();
        RegoVersion v = tree.equals("v0") ? RegoVersion.V0 : RegoVersion.V1;
        List<Path> files;
        try (Stream<Path> s = Files.walk(root.resolve(tree))) {
            files = s.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList();
        }
        Load load = new Load(LoadSettings.builder().setAllowDuplicateKeys(true).build());
        for (Path f : files) {
            Object doc = load.loadFromString(Files.readString(f));
            if (!(doc instanceof Map<?, ?> m) || !(m.get("cases") instanceof List<?> cases)) continue;
            int i = 0;
            for (Object c : cases) {
                Map<String, Object> cm = (Map<String, Object>) c;
                List<String> mods = new ArrayList<>();
                if (cm.get("modules") instanceof List<?> ms) for (Object x : ms) mods.add(String.valueOf(x));
                out.add(new Case(f, i++, String.valueOf(cm.get("note")), (String) cm.get("query"), mods, v));
            }
        }
        return out;
    }
}
