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

    public static Path root() {
        String prop = System.getProperty("opa.compliance.dir");
        if (prop != null && Files.isDirectory(Paths.get(prop))) return Paths.get(prop);
        for (Path p : List.of(Paths.get("../shared/opa-compliance"), Paths.get("../../shared/opa-compliance"),
                Paths.get("/work/shared/opa-compliance"))) {
            if (Files.isDirectory(p)) return p;
        }
        return null;
    }

    /** @return true when running under CI ({@code CI=true}): missing compliance cases are then a failure. */
    public static boolean ci() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /**
     * The compliance directory. When it is missing the calling test fails under CI ({@code CI=true}: a skipped
     * conformance test would hide a broken checkout) and is skipped otherwise.
     */
    public static Path requireRoot() {
        Path r = root();
        if (r == null) {
            String msg = "OPA compliance cases not found (set -Dopa.compliance.dir, default ../shared/opa-compliance)";
            if (ci()) throw new AssertionError(msg + "; CI=true, so this fails instead of skipping");
            Assumptions.assumeTrue(false, msg);
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
