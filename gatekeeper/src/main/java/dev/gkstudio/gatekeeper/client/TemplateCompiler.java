package dev.gkstudio.gatekeeper.client;

import dev.gkstudio.gatekeeper.cel.CelEngine;
import dev.gkstudio.gatekeeper.cel.CompiledCel;
import dev.gkstudio.gatekeeper.engine.CompiledTemplate;
import dev.gkstudio.gatekeeper.engine.RegoEngine;
import dev.gkstudio.gatekeeper.engine.TemplateCompileException;
import dev.gkstudio.gatekeeper.template.CelCode;
import dev.gkstudio.gatekeeper.template.RegoCode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compiles each distinct template code once per engine and remembers the outcome (success or error). Also says
 * which drivers a client has: Rego always, {@code K8sNativeValidation} (CEL) unless disabled (gator's
 * {@code --enable-k8s-native-validation=false}); a template with both engines runs on CEL when it is enabled.
 */
public final class TemplateCompiler {
    private record Key(String rego, List<String> libs, boolean v1) {
    }

    private record Entry(CompiledTemplate compiled, TemplateCompileException error) {
    }

    private final RegoEngine engine;
    private final boolean k8sNativeValidation;
    private final Map<CelCode, Object> celCache = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<CelCode, Object> e) {
            return size() > 256;
        }
    };
    private final Map<Key, Entry> cache = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Entry> e) {
            return size() > 256;
        }
    };

    public TemplateCompiler(RegoEngine engine) {
        this(engine, true);
    }

    /** @param k8sNativeValidation whether the CEL driver is enabled (Gatekeeper's default: true) */
    public TemplateCompiler(RegoEngine engine, boolean k8sNativeValidation) {
        this.engine = engine;
        this.k8sNativeValidation = k8sNativeValidation;
    }

    /** Whether the K8sNativeValidation (CEL) driver is enabled. */
    public boolean k8sNativeValidation() {
        return k8sNativeValidation;
    }

    /** Compiles (once) a template's CEL code; throws where Gatekeeper's CEL driver refuses the template. */
    public CompiledCel compileCel(CelCode code) throws TemplateCompileException {
        Object e;
        synchronized (celCache) {
            e = celCache.get(code);
        }
        if (e == null) {
            try {
                e = CelEngine.get().compile(code);
            } catch (TemplateCompileException ex) {
                e = ex;
            }
            synchronized (celCache) {
                celCache.put(code, e);
            }
        }
        if (e instanceof TemplateCompileException ex) throw ex;
        return (CompiledCel) e;
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
