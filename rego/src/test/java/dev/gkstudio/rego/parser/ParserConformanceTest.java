package dev.gkstudio.rego.parser;

import dev.gkstudio.rego.ast.Diagnostic;
import dev.gkstudio.rego.ast.RegoVersion;
import dev.gkstudio.rego.ast.SourceFile;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every module and query of OPA's compliance cases must parse without errors. */
class ParserConformanceTest {

    @Test
    void v0() throws Exception { run("v0"); }

    @Test
    void v1() throws Exception { run("v1"); }

    private void run(String tree) throws Exception {
        ComplianceCases.requireRoot();
        List<ComplianceCases.Case> cases = ComplianceCases.load(tree);
        int modules = 0, queries = 0;
        List<String> failures = new ArrayList<>();
        for (ComplianceCases.Case c : cases) {
            for (int i = 0; i < c.modules().size(); i++) {
                modules++;
                ParseResult r = RegoParser.parseModule(new SourceFile("test-" + i + ".rego", c.modules().get(i)), c.version());
                for (Diagnostic d : r.diagnostics()) failures.add(c.id() + ": " + d);
            }
            if (c.query() != null) {
                queries++;
                QueryResult q = RegoParser.parseQuery(c.query(), RegoVersion.V1);
                for (Diagnostic d : q.diagnostics()) failures.add(c.id() + " (query): " + d);
            }
        }
        System.out.printf("[parser conformance %s] cases=%d modules=%d queries=%d errors=%d%n", tree, cases.size(), modules, queries, failures.size());
        failures.stream().limit(60).forEach(System.out::println);
        assertEquals(0, failures.size(), "parse errors in compliance cases");
    }
}
