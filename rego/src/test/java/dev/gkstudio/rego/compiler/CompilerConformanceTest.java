package dev.gkstudio.rego.compiler;

import dev.gkstudio.rego.ast.Diagnostic;
import dev.gkstudio.rego.ast.Module;
import dev.gkstudio.rego.ast.RegoVersion;
import dev.gkstudio.rego.ast.SourceFile;
import dev.gkstudio.rego.parser.ComplianceCases;
import dev.gkstudio.rego.parser.ParseResult;
import dev.gkstudio.rego.parser.QueryResult;
import dev.gkstudio.rego.parser.RegoParser;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Parses and compiles every case of OPA's compliance suite (v0 tree with the v0 parser, v1 with v1) and compiles
 * each query against the program: no case expects a parse or compile error, so there must be none.
 */
class CompilerConformanceTest {

    @Test
    void v0() throws Exception { run("v0"); }

    @Test
    void v1() throws Exception { run("v1"); }

    private void run(String tree) throws Exception {
        ComplianceCases.requireRoot();
        List<ComplianceCases.Case> cases = ComplianceCases.load(tree);
        int modules = 0, queries = 0, okCases = 0;
        List<String> failures = new ArrayList<>();
        for (ComplianceCases.Case c : cases) {
            List<Module> mods = new ArrayList<>();
            int before = failures.size();
            for (int i = 0; i < c.modules().size(); i++) {
                modules++;
                ParseResult r = RegoParser.parseModule(new SourceFile("test-" + i + ".rego", c.modules().get(i)), c.version());
                for (Diagnostic d : r.diagnostics()) failures.add(c.id() + ": " + d);
                mods.add(r.module());
            }
            CompileResult cr = RegoCompiler.compile(mods, CompileOptions.defaults());
            for (Diagnostic d : cr.diagnostics()) failures.add(c.id() + ": " + d);
            if (c.query() != null) {
                queries++;
                QueryResult q = RegoParser.parseQuery(c.query(), RegoVersion.V1);
                for (Diagnostic d : q.diagnostics()) failures.add(c.id() + " (query): " + d);
                if (q.body() != null) {
                    QueryCompileResult qr = RegoCompiler.compileQuery(q.body(), cr.program(), CompileOptions.defaults());
                    for (Diagnostic d : qr.diagnostics()) failures.add(c.id() + " (query): " + d);
                }
            }
            if (failures.size() == before) okCases++;
        }
        System.out.printf("[compile conformance %s] cases=%d ok=%d modules=%d queries=%d errors=%d%n",
                tree, cases.size(), okCases, modules, queries, failures.size());
        failures.stream().limit(80).forEach(System.out::println);
        assertEquals(0, failures.size(), "parse/compile errors in compliance cases");
    }
}
