package dev.gkstudio.gatekeeper.client;

import dev.gkstudio.gatekeeper.engine.CompiledTemplate;
import dev.gkstudio.gatekeeper.engine.RegoEngine;
import dev.gkstudio.gatekeeper.engine.TemplateCompileException;
import dev.gkstudio.gatekeeper.template.RegoCode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Compiles each distinct template code once per engine and remembers the outcome (success or error). */
public final class TemplateCompiler {
    private record Key(String rego, List<String> libs, boolean v1) {
    }

    private record Entry(CompiledTemplate compiled, TemplateCompileException error) {
    }

    private final RegoEngine engine;
    private final Map<Key, Entry> cache = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Entry> e) {
            return size() > 256;
        }
    };

    public TemplateCompiler(RegoEngine engine) {
        this.engine = engine;
    }

    public RegoEngine engine() {
        return engine;
    }

    public CompiledTemplate compile(RegoCode code) throws TemplateCompileException {
        Key k = new Key(code.rego(), code.libs(), code.v1());
        Entry e;
        synchronized (cache) {
            e = cache.get(k);
        }
        if (e == null) {
            try {
                e = new Entry(engine.compile(code), null);
            } catch (TemplateCompileException ex) {
                e = new Entry(null, ex);
            }
            synchronized (cache) {
                cache.put(k, e);
            }
        }
        if (e.error != null) throw e.error;
        return e.compiled;
    }
}
