package dev.gkstudio.rego.compiler.stages;

import dev.gkstudio.rego.ast.RegoVersion;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static dev.gkstudio.rego.compiler.stages.StageFixture.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** OPA's ResolveRefs stage: names resolve over the whole package, imports before rule names. */
class ResolveRefsTest {

    @Test
    void ruleOfAnotherModuleOfThePackage() {
        assertEquals("__local0__ = data.p.g", body("data.p.h",
                "package p\ng := 1\n", "package p\nh if { x := g }\n"));
        assertEquals("1", value("data.p.h", "{}", RegoVersion.V1, "package p\ng := 1\n", "package p\nh := g\n"));
    }

    @Test
    void functionOfAnotherModuleOfThePackage() {
        assertEquals("2", value("data.p.h", "{}", RegoVersion.V0, "package p\nf(x) = y { y := x + 1 }\n",
                "package p\nh = f(1)\n"));
    }

    /** A package split over three modules and a test module (the src.rego + src_test.rego layout). */
    @Test
    void packageSplitOverThreeModulesAndATestModule() {
        String a = """
                package k8s.repos
                default allowed_prefix := "gcr.io/acme/"
                prefixes := {allowed_prefix, "registry.k8s.io/"}
                """;
        String b = """
                package k8s.repos
                trusted(image) if {
                  some p in prefixes
                  startswith(image, p)
                }
                """;
        String c = """
                package k8s.repos
                violation contains msg if {
                  some c in input.containers
                  not trusted(c.image)
                  msg := sprintf("untrusted image %s", [c.image])
                }
                violations := count(violation)
                """;
        String test = """
                package k8s.repos
                test_trusted if trusted("gcr.io/acme/app:1")
                test_untrusted if not trusted("docker.io/busybox")
                test_violation if {
                  violation == {"untrusted image docker.io/busybox"} with input as {"containers": [
                    {"image": "gcr.io/acme/app:1"}, {"image": "docker.io/busybox"}]}
                }
                test_count if violations == 0 with input as {"containers": []}
                """;
        var r = compile(RegoVersion.V1, a, b, c, test);
        assertTrue(r.ok(), r.diagnostics().toString());
        for (String rule : new String[] {"allowed_prefix", "prefixes", "trusted", "violation", "violations",
                "test_trusted", "test_untrusted", "test_violation", "test_count"}) {
            assertTrue(!r.program().rules("data.k8s.repos." + rule).isEmpty(), rule);
        }
        for (String t : new String[] {"test_trusted", "test_untrusted", "test_violation", "test_count"}) {
            assertEquals("true", value("data.k8s.repos." + t, "{}", RegoVersion.V1, a, b, c, test), t);
        }
        assertEquals("1", value("data.k8s.repos.violations", "{\"containers\": [{\"image\": \"quay.io/x\"}]}",
                RegoVersion.V1, a, b, c, test));
    }

    @Test
    void importShadowsABuiltinNamespace() {
        String lib = "package lib\nunmarshal(_) := \"from lib\"\n";
        String p = "package p\nimport data.lib as json\nv := json.unmarshal(\"1\")\n";
        assertEquals("\"from lib\"", value("data.p.v", "{}", RegoVersion.V1, lib, p));
    }

    @Test
    void importShadowsARuleOfThePackage() {
        String lib = "package lib\nq := \"imported\"\n";
        String p = "package p\nimport data.lib.q\nq := \"local\"\nv := q\n";
        assertEquals("\"imported\"", value("data.p.v", "{}", RegoVersion.V1, lib, p));
        assertEquals("__local0__ = data.lib.q", body("data.p.w", lib,
                "package p\nimport data.lib.q\nq := 1\nw if { x := q }\n"));
    }

    @Test
    void localVarsShadowImportsAndRules() {
        assertEquals("2", value("data.p.v", "{}", RegoVersion.V1, "package lib\nq := 1\n",
                "package p\nimport data.lib.q\nv := y if { q := 2; y := q }\n"));
    }

    /** The stage's name tables on their own: exports over all modules of a package, imports per module. */
    @Test
    void exportsAndImportsTables() {
        var ms = parse(RegoVersion.V1, "package p\ng := 1\nf(x) := x\n", "package p\nh := g\ng := 2\n",
                "package q\nimport data.p.g\nimport data.lib as json\nimport rego.v1\nk := 1\n");
        var exports = ResolveRefs.exports(ms);
        assertEquals(new TreeSet<>(Set.of("data.p", "data.q")), new TreeSet<>(exports.keySet()));
        assertEquals("{f=data.p.f, g=data.p.g, h=data.p.h}", new TreeMap<>(exports.get("data.p")).toString());
        assertEquals("{k=data.q.k}", exports.get("data.q").toString());
        // the first module defining g gives its location
        assertEquals("m0.rego", exports.get("data.p").get("g").location().file());
        // rego.v1 binds no name; an alias does
        assertEquals("{g=data.p.g, json=data.lib}", ResolveRefs.imports(ms.get(2)).toString());
        assertEquals(Map.of(), ResolveRefs.imports(ms.get(0)));
    }
}
