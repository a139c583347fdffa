package dev.gkstudio.backend.share;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.gkstudio.backend.eval.Workspace;

class SharedWorkspaceTest {

    @Test
    void sameContentSameIdWhateverTheKeyOrderAndDefaults() throws Exception {
        SharedWorkspace a = SharedWorkspace.parse("""
                {"samples":"x: 1\\n","template":{"kind":"K","rego":"package a"},"settings":{"coverage":true,"n":1.0}}""");
        SharedWorkspace b = SharedWorkspace.parse("""
                {"format":1,"template":{"rego":"package a","kind":"K","libs":[],"regoVersion":"v0","annotations":{},
                 "name":null},"constraints":"","samples":"x: 1\\n","inventory":null,"settings":{"n":1,"coverage":true}}""");
        assertEquals(a.canonicalJson(), b.canonicalJson());
        assertEquals(a.id(), b.id());
        assertEquals(ShareIds.LENGTH, a.id().length());
        assertTrue(ShareIds.isWellFormed(a.id()));
        SharedWorkspace c = SharedWorkspace.parse("{\"samples\":\"x: 2\\n\",\"template\":{\"kind\":\"K\",\"rego\":\"package a\"}}");
        assertNotEquals(a.id(), c.id());
    }

    @Test
    void canonicalTextIsStableAndRoundTrips() throws Exception {
        SharedWorkspace w = SharedWorkspace.parse(Workspaces.json(null));
        SharedWorkspace again = SharedWorkspace.parse(w.canonicalJson());
        assertEquals(w.canonicalJson(), again.canonicalJson());
        assertTrue(w.canonicalJson().startsWith("{\"constraints\":"), w.canonicalJson());
        Workspace ws = w.toWorkspace();
        assertEquals("K8sRequiredLabels", ws.template().kind());
        assertEquals(1, ws.template().libs().size());
        assertEquals(Workspaces.SAMPLES, ws.samples());
    }

    @Test
    void unitTestModulesAreSharedAndAnEmptyListChangesNoId() throws Exception {
        String base = "{\"samples\":\"x: 1\\n\",\"template\":{\"kind\":\"K\",\"rego\":\"package a\"}";
        SharedWorkspace plain = SharedWorkspace.parse(base + "}");
        assertEquals(plain.id(), SharedWorkspace.parse(base + ",\"tests\":[]}").id());
        SharedWorkspace withTests = SharedWorkspace.parse(base + ",\"tests\":[\"package a_test\\ntest_x if true\\n\"]}");
        assertNotEquals(plain.id(), withTests.id());
        assertEquals(java.util.List.of("package a_test\ntest_x if true\n"), withTests.toWorkspace().tests());
        assertEquals(withTests.canonicalJson(), SharedWorkspace.parse(withTests.canonicalJson()).canonicalJson());
        assertThrows(SharedWorkspace.InvalidException.class, () -> SharedWorkspace.parse(base + ",\"tests\":\"x\"}"));
    }

    @Test
    void providersAndMutatorsAreSharedAndTheirAbsenceChangesNoId() throws Exception {
        String base = "{\"samples\":\"x: 1\\n\",\"template\":{\"kind\":\"K\",\"rego\":\"package a\"}";
        SharedWorkspace plain = SharedWorkspace.parse(base + "}");
        assertEquals(plain.id(), SharedWorkspace.parse(base + ",\"mutators\":\"\",\"providers\":null}").id());
        SharedWorkspace with = SharedWorkspace.parse(base + ",\"mutators\":\"kind: Assign\\n\",\"providers\":\"p: {}\\n\"}");
        assertNotEquals(plain.id(), with.id());
        assertEquals("kind: Assign\n", with.toWorkspace().mutators());
        assertEquals("p: {}\n", with.toWorkspace().providers());
        assertEquals("", plain.toWorkspace().mutators());
        assertEquals(with.canonicalJson(), SharedWorkspace.parse(with.canonicalJson()).canonicalJson());
        assertThrows(SharedWorkspace.InvalidException.class, () -> SharedWorkspace.parse(base + ",\"mutators\":[1]}"));
    }

    @Test
    void problemsNameTheFieldAndTheReason() {
        SharedWorkspace.InvalidException e = assertThrows(SharedWorkspace.InvalidException.class, () -> SharedWorkspace.parse("""
                {"template":{"rego":42,"regoVersion":"v9","libs":"x","extra":1},"samples":["a"],"settings":{"x":{}},
                 "script":"<script>alert(1)</script>"}"""));
        List<String> problems = e.problems().stream().map(Object::toString).toList();
        assertTrue(problems.contains("template.rego: must be a string, not number"), problems.toString());
        assertTrue(problems.contains("template.regoVersion: must be \"v0\" or \"v1\", not \"v9\""), problems.toString());
        assertTrue(problems.contains("template.libs: must be an array of strings"), problems.toString());
        assertTrue(problems.contains("template.extra: unknown field"), problems.toString());
        assertTrue(problems.contains("samples: must be a string, not array"), problems.toString());
        assertTrue(problems.contains("settings.x: must be a string, number, boolean or null"), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("script: unknown field")), problems.toString());
        assertThrows(SharedWorkspace.InvalidException.class, () -> SharedWorkspace.parse("not json"));
        assertThrows(SharedWorkspace.InvalidException.class, () -> SharedWorkspace.parse("[1]"));
        assertThrows(SharedWorkspace.InvalidException.class, () -> SharedWorkspace.parse("{\"samples\":\"a\",\"samples\":\"b\"}"));
        assertThrows(SharedWorkspace.InvalidException.class, () -> SharedWorkspace.parse("{\"format\":2}"));
        assertThrows(SharedWorkspace.InvalidException.class,
                () -> SharedWorkspace.parse("{\"settings\":" + "[".repeat(100) + "]".repeat(100) + "}"));
    }

    @Test
    void idsAreBase62OfTheDigestPrefix() {
        assertEquals("00000000000000", ShareIds.idOfDigest(new byte[32]));
        byte[] ff = new byte[32];
        java.util.Arrays.fill(ff, (byte) 0xff);
        String max = ShareIds.idOfDigest(ff);
        assertEquals(ShareIds.LENGTH, max.length());
        assertTrue(ShareIds.isWellFormed(max));
        assertTrue(!ShareIds.isWellFormed("../etc/passwd") && !ShareIds.isWellFormed(null));
    }
}
