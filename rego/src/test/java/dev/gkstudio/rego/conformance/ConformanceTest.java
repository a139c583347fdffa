package dev.gkstudio.rego.conformance;

import dev.gkstudio.rego.CompileResult;
import dev.gkstudio.rego.result.EvalOptions;
import dev.gkstudio.rego.result.EvalResult;
import dev.gkstudio.rego.PreparedQuery;
import dev.gkstudio.rego.Rego;
import dev.gkstudio.rego.result.RegoException;
import dev.gkstudio.rego.ast.RegoVersion;
import dev.gkstudio.rego.ast.SourceFile;
import dev.gkstudio.rego.value.*;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.nodes.*;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.*;
import java.util.concurrent.*;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Runs OPA's compliance cases (v0 and v1 trees, read from {@code opa.compliance.dir}, never copied) with the judging
 * rules of the cases' README, writes {@code target/conformance.md} and guards the checked-in ratchet file
 * {@code conformance-ratchet.properties}: a category whose pass count drops fails the build; higher counts are
 * written back to the file (commit it to raise the bar).
 */
class ConformanceTest {
    static final Path RATCHET = Paths.get("conformance-ratchet.properties");
    static final long CASE_TIMEOUT_MS = 10_000;

    record Case(String tree, String category, Path file, int index, Map<String, Object> raw) {
        String note() { return String.valueOf(raw.get("note")); }
        String id() { return tree + "/" + category + "/" + file.getFileName() + "#" + index + " (" + note() + ")"; }
    }

    static final class Stats {
        int passed, failed;
        String firstFailure;
    }

    @Test
    void compliance() throws Exception {
        String dir = System.getProperty("opa.compliance.dir");
        if (dir == null || !Files.isDirectory(Paths.get(dir))) {
            fail("OPA compliance cases not found: set -Dopa.compliance.dir (got " + dir + ")");
        }
        Path root = Paths.get(dir);
        String only = System.getProperty("conformance.only"); // optional category filter (comma separated)
        Set<String> onlySet = only == null || only.isBlank() ? null : new HashSet<>(Arrays.asList(only.split(",")));
        Map<String, Stats> stats = new TreeMap<>();
        ExecutorService exec = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(null, r, "conformance", 64L << 20);
            t.setDaemon(true);
            return t;
        });
        boolean verbose = Boolean.getBoolean("conformance.verbose");
        try {
            for (String tree : List.of("v0", "v1")) {
                for (Case c : load(root, tree)) {
                    if (onlySet != null && !onlySet.contains(c.category)) continue;
                    Stats s = stats.computeIfAbsent(tree + "." + c.category, k -> new Stats());
                    String failure;
                    Future<String> fut = exec.submit(() -> run(c));
                    try {
                        failure = fut.get(CASE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
                    } catch (TimeoutException e) {
                        fut.cancel(true);
                        failure = "timed out after " + CASE_TIMEOUT_MS + " ms";
                        exec.shutdownNow();
                        exec = Executors.newSingleThreadExecutor(r -> {
                            Thread t = new Thread(null, r, "conformance", 64L << 20);
                            t.setDaemon(true);
                            return t;
                        });
                    } catch (ExecutionException e) {
                        failure = "crashed: " + e.getCause();
                    }
                    if (failure == null) {
                        s.passed++;
                    } else {
                        s.failed++;
                        if (s.firstFailure == null) s.firstFailure = c.id() + ": " + failure;
                        if (verbose) System.out.println("FAIL " + c.id() + ": " + failure);
                    }
                }
            }
        } finally {
            exec.shutdownNow();
        }
        report(stats);
        if (onlySet == null) ratchet(stats);
    }

    // ------------------------------------------------------------------ one case

    static String run(Case c) {
        Map<String, Object> m = c.raw;
        RegoVersion version = c.tree.equals("v0") ? RegoVersion.V0 : RegoVersion.V1;
        List<SourceFile> files = new ArrayList<>();
        if (m.get("modules") instanceof ArrayValue mv) { List<Value> mods = mv.list();
            int i = 0;
            for (Object mod : mods) files.add(new SourceFile("test-" + (i++) + ".rego", str(mod)));
        }
        CompileResult cr = Rego.compile(files, version);
        if (!cr.ok()) return "compile: " + cr.diagnostics();
        PreparedQuery q;
        try {
            // OPA judges these cases with topdown, which does not capture expression values
            q = cr.policy().prepareTopdown(str(m.get("query")));
        } catch (RegoException e) {
            return "query: " + e.getMessage();
        }
        Value data = (Value) m.get("data");
        Value input = (Value) m.get("input");
        if (m.get("input_term") != null) {
            input = termValue(str(m.get("input_term")));
            if (input == null) return "cannot evaluate input_term";
        }
        boolean strict = m.get("strict_error") instanceof BooleanValue b && b.value();
        EvalResult r = q.eval(EvalOptions.builder().input(input).data(data).strictBuiltinErrors(strict)
                .timeout(Duration.ofMillis(CASE_TIMEOUT_MS - 1000)).build());
        String wantCode = str(m.get("want_error_code"));
        String wantErr = str(m.get("want_error"));
        if (wantCode != null || wantErr != null) {
            if (r.error() == null) return "want error " + wantCode + " " + wantErr + ", got result " + rows(r, m);
            if (wantCode != null && !wantCode.equals(r.error().code())) {
                return "want error code " + wantCode + ", got " + r.error();
            }
            if (wantErr != null && !r.error().toString().contains(wantErr)) {
                return "want error containing '" + wantErr + "', got " + r.error();
            }
            return null;
        }
        if (r.error() != null) return "unexpected error " + r.error();
        Value want = (Value) m.get("want_result");
        if (want == null) return null;
        Set<Value> wantRows = new HashSet<>();
        boolean sort = m.get("sort_bindings") instanceof BooleanValue b && b.value();
        for (Value row : ((ArrayValue) want).list()) wantRows.add(sortBindings(row, sort));
        Set<Value> got = rows(r, m);
        if (!got.equals(wantRows)) return "want " + wantRows + ", got " + got;
        return null;
    }

    static Set<Value> rows(EvalResult r, Map<String, Object> m) {
        boolean ignoreGen = m.get("ignore_generated_vars") instanceof BooleanValue b && b.value();
        boolean sort = m.get("sort_bindings") instanceof BooleanValue b2 && b2.value();
        Set<Value> out = new HashSet<>();
        for (Map<String, Value> row : r.bindings()) {
            Map<Value, Value> mm = new LinkedHashMap<>();
            for (var e : row.entrySet()) {
                if (ignoreGen && e.getKey().startsWith("__localq")) continue;
                mm.put(StringValue.of(e.getKey()), normalize(e.getValue()));
            }
            out.add(sortBindings(ObjectValue.wrap(mm), sort));
        }
        return out;
    }

    /** Sets become sorted arrays, non-string keys JSON text: OPA's JSON form. */
    static Value normalize(Value v) {
        try {
            return Json.parse(Json.write(v));
        } catch (Json.ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    static Value sortBindings(Value row, boolean sort) {
        if (!sort || !(row instanceof ObjectValue o)) return row;
        Map<Value, Value> mm = new LinkedHashMap<>();
        for (var e : o.asMap().entrySet()) {
            Value v = e.getValue();
            if (v instanceof ArrayValue a) {
                List<Value> l = new ArrayList<>(a.list());
                Collections.sort(l);
                v = ArrayValue.of(l);
            }
            mm.put(e.getKey(), v);
        }
        return ObjectValue.wrap(mm);
    }

    static String str(Object o) {
        if (o == null) return null;
        return o instanceof StringValue s ? s.value() : o.toString();
    }

    static Value termValue(String term) {
        CompileResult cr = Rego.compile(List.of(), RegoVersion.V1);
        EvalResult r = cr.policy().query("__t := " + term, EvalOptions.DEFAULT);
        return r.bindings().isEmpty() ? null : r.bindings().get(0).get("__t");
    }

    // ------------------------------------------------------------------ loading (exact numbers)

    static List<Case> load(Path root, String tree) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(root.resolve(tree))) {
            files = s.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList();
        }
        List<Case> out = new ArrayList<>();
        LoadSettings settings = LoadSettings.builder().setAllowDuplicateKeys(true).setCodePointLimit(64 << 20).build();
        for (Path f : files) {
            String text = Files.readString(f, StandardCharsets.UTF_8);
            Optional<Node> doc = new Compose(settings).composeString(text);
            if (doc.isEmpty()) continue;
            Map<String, Object> top = caseMap(doc.get());
            if (!(top.get("cases") instanceof ArrayValue cases)) continue;
            int i = 0;
            for (Value cv : cases.list()) {
                Map<String, Object> raw = new LinkedHashMap<>();
                for (var e : ((ObjectValue) cv).asMap().entrySet()) raw.put(((StringValue) e.getKey()).value(), e.getValue());
                out.add(new Case(tree, f.getParent().getFileName().toString(), f, i++, raw));
            }
        }
        return out;
    }

    private static Map<String, Object> caseMap(Node n) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (n instanceof MappingNode mn) {
            for (NodeTuple t : mn.getValue()) m.put(((ScalarNode) t.getKeyNode()).getValue(), toValue(t.getValueNode()));
        }
        return m;
    }

    static Value toValue(Node n) {
        if (n instanceof ScalarNode s) {
            String tag = s.getTag().getValue();
            String v = s.getValue();
            if (tag.endsWith(":int") || tag.endsWith(":float")) {
                NumberValue nv = NumberValue.tryParse(v.startsWith("+") ? v.substring(1) : v);
                if (nv != null) return nv;
                return StringValue.of(v);
            }
            if (tag.endsWith(":bool")) return BooleanValue.of(v.equalsIgnoreCase("true"));
            if (tag.endsWith(":null")) return NullValue.INSTANCE;
            return StringValue.of(v);
        }
        if (n instanceof SequenceNode sq) {
            List<Value> l = new ArrayList<>();
            for (Node x : sq.getValue()) l.add(toValue(x));
            return ArrayValue.of(l);
        }
        MappingNode mn = (MappingNode) n;
        Map<Value, Value> m = new LinkedHashMap<>();
        for (NodeTuple t : mn.getValue()) {
            Value k = toValue(t.getKeyNode());
            m.put(k instanceof StringValue ? k : StringValue.of(Json.write(k)), toValue(t.getValueNode()));
        }
        return ObjectValue.wrap(m);
    }

    // ------------------------------------------------------------------ report and ratchet

    static void report(Map<String, Stats> stats) throws IOException {
        StringBuilder md = new StringBuilder("# OPA compliance (conformance runner)\n\n");
        StringBuilder line = new StringBuilder("conformance:");
        for (String tree : List.of("v0", "v1")) {
            int p = 0, t = 0;
            md.append("## ").append(tree).append("\n\n| category | passed | failed | total | first failure |\n|---|---|---|---|---|\n");
            for (var e : stats.entrySet()) {
                if (!e.getKey().startsWith(tree + ".")) continue;
                Stats s = e.getValue();
                p += s.passed;
                t += s.passed + s.failed;
                String ff = s.firstFailure == null ? "" : s.firstFailure.replace("|", "\\|").replace("\n", " ");
                if (ff.length() > 300) ff = ff.substring(0, 300) + "…";
                md.append("| ").append(e.getKey().substring(3)).append(" | ").append(s.passed).append(" | ")
                        .append(s.failed).append(" | ").append(s.passed + s.failed).append(" | ").append(ff).append(" |\n");
            }
            md.append("\n**").append(tree).append(": ").append(p).append("/").append(t).append("**\n\n");
            line.append(' ').append(tree).append(' ').append(p).append('/').append(t).append(tree.equals("v0") ? "," : "");
        }
        Files.createDirectories(Paths.get("target"));
        Files.writeString(Paths.get("target/conformance.md"), md.toString());
        System.out.println(line);
    }

    static void ratchet(Map<String, Stats> stats) throws IOException {
        Properties old = new Properties();
        if (Files.exists(RATCHET)) {
            try (var in = Files.newBufferedReader(RATCHET)) { old.load(in); }
        }
        List<String> drops = new ArrayList<>();
        boolean raised = false;
        TreeMap<String, Integer> now = new TreeMap<>();
        for (var e : stats.entrySet()) now.put(e.getKey(), e.getValue().passed);
        for (String k : old.stringPropertyNames()) {
            int before = Integer.parseInt(old.getProperty(k).trim());
            int after = now.getOrDefault(k, 0);
            if (after < before) drops.add(k + ": " + before + " -> " + after);
            if (after > before) raised = true;
        }
        for (var e : now.entrySet()) if (!old.containsKey(e.getKey()) && e.getValue() > 0) raised = true;
        if (!drops.isEmpty()) fail("conformance pass counts went down (ratchet " + RATCHET.toAbsolutePath() + "):\n  "
                + String.join("\n  ", drops));
        if (raised || !Files.exists(RATCHET)) {
            StringBuilder sb = new StringBuilder("# Pass counts of OPA's compliance cases per tree.category; the conformance test\n"
                    + "# fails when one goes down and rewrites this file when they go up (commit it).\n");
            for (var e : now.entrySet()) sb.append(e.getKey()).append('=').append(e.getValue()).append('\n');
            Files.writeString(RATCHET, sb.toString());
            System.out.println("conformance: ratchet raised, commit " + RATCHET);
        }
        assertTrue(true);
    }
}
