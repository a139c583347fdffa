package dev.gkstudio.gatekeeper.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.gkstudio.gatekeeper.engine.CompiledTemplate;
import dev.gkstudio.gatekeeper.engine.RegoEngine;
import dev.gkstudio.gatekeeper.template.RegoCode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The compiled-template cache is bounded by the estimated size of what it holds, not by the number of templates. */
class TemplateCacheTest {

    /** Counts compilations; each compiled template is a fresh object. */
    static final class CountingEngine implements RegoEngine {
        final List<String> compiled = new ArrayList<>();

        @Override
        public CompiledTemplate compile(RegoCode code) {
            compiled.add(code.rego().substring(0, code.rego().indexOf('\n')));
            return (input, inventory, options) -> null;
        }
    }

    static RegoCode code(String name, int chars) {
        String rego = "package " + name + "\n" + "#".repeat(chars) + "\n";
        return new RegoCode(rego, List.of(), false, "template", List.of());
    }

    @Test
    void largeTemplatesEvictOthersByEstimatedSize() throws Exception {
        CountingEngine engine = new CountingEngine();
        long oneMegabyte = TemplateCompiler.estimatedBytes(code("a", 1 << 20));
        // room for two compiled 1 MB templates
        TemplateCompiler compiler = new TemplateCompiler(engine, true, 2 * oneMegabyte + 100_000);
        CompiledTemplate a = compiler.compile(code("a", 1 << 20));
        CompiledTemplate b = compiler.compile(code("b", 1 << 20));
        assertSame(a, compiler.compile(code("a", 1 << 20)), "both fit: a is cached");
        assertSame(b, compiler.compile(code("b", 1 << 20)));
        compiler.compile(code("c", 1 << 20)); // evicts the least recently used: a
        assertEquals(3, engine.compiled.size());
        compiler.compile(code("a", 1 << 20));
        assertEquals(List.of("package a", "package b", "package c", "package a"), engine.compiled,
                "a was evicted and compiled again");
    }

    @Test
    void manySmallTemplatesStayCachedAndATooLargeOneIsNotKept() throws Exception {
        CountingEngine engine = new CountingEngine();
        TemplateCompiler compiler = new TemplateCompiler(engine, true, 10L << 20);
        for (int i = 0; i < 300; i++) compiler.compile(code("small" + i, 100)); // more than the old count bound (256)
        for (int i = 0; i < 300; i++) compiler.compile(code("small" + i, 100));
        assertEquals(300, engine.compiled.size(), "300 small templates fit: none compiled twice");
        compiler.compile(code("huge", 1 << 20)); // estimated beyond the whole bound
        compiler.compile(code("huge", 1 << 20));
        assertEquals(302, engine.compiled.size(), "never cached");
        compiler.compile(code("small0", 100));
        assertEquals(302, engine.compiled.size(), "and it evicted nothing");
    }
}
