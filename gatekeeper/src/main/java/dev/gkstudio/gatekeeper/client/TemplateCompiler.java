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

    private record Entry(CompiledTemplate compiled, TemplateCompileException error, long bytes) {
    }

    private final RegoEngine engine;
    private final boolean k8sNativeValidation;
    private final Map<CelCode, Object> celCache = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<CelCode, Object> e) {
            return size() > 256;
        }
    };
    /**
     * Compiled Rego templates, least recently used first, bounded by their estimated size rather than their number:
     * a compiled module takes tens of times its source, and a count bound let eleven distinct 1 MB templates take
     * the whole heap. Guarded by itself.
     */
    private final LinkedHashMap<Key, Entry> cache = new LinkedHashMap<>(64, 0.75f, true);
    private long cachedBytes;
    private final long maxCachedBytes;

    /** Estimated heap of a compiled template per character of source (AST, compiled rules, indexes). */
    static final long BYTES_PER_SOURCE_CHAR = 64;
    /** Default bound of the compiled-template cache; system property {@code gkstudio.templateCache.bytes}. */
    static final long DEFAULT_MAX_CACHED_BYTES = Long.getLong("gkstudio.templateCache.bytes", 128L << 20);

    public TemplateCompiler(RegoEngine engine) {
        this(engine, true);
    }

    /** @param k8sNativeValidation whether the CEL driver is enabled (Gatekeeper's default: true) */
    public TemplateCompiler(RegoEngine engine, boolean k8sNativeValidation) {
        this(engine, k8sNativeValidation, DEFAULT_MAX_CACHED_BYTES);
    }

    TemplateCompiler(RegoEngine engine, boolean k8sNativeValidation, long maxCachedBytes) {
        this.engine = engine;
        this.k8sNativeValidation = k8sNativeValidation;
        this.maxCachedBytes = maxCachedBytes;
    }

    /** What a compiled template is estimated to hold on the heap. */
    static long estimatedBytes(RegoCode code) {
        long chars = code.rego().length();
        for (String lib : code.libs()) chars += lib.length();
        return 4096 + chars * BYTES_PER_SOURCE_CHAR;
    }

    /** Caches an outcome, evicting the least recently used until the estimated total fits; too big: not kept. */
    private void remember(Key k, Entry e, long bytes) {
        synchronized (cache) {
            if (bytes > maxCachedBytes) return;
            Entry old = cache.put(k, e);
            if (old != null) cachedBytes -= old.bytes;
            cachedBytes += bytes;
            var it = cache.entrySet().iterator();
            while (cachedBytes > maxCachedBytes && it.hasNext()) {
                var eldest = it.next();
                if (eldest.getKey().equals(k)) continue;
                cachedBytes -= eldest.getValue().bytes;
                it.remove();
            }
        }
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
            long bytes = estimatedBytes(code);
            try {
                e = new Entry(engine.compile(code), null, bytes);
            } catch (TemplateCompileException ex) {
                e = new Entry(null, ex, bytes);
            }
            remember(k, e, bytes);
        }
        if (e.error != null) throw e.error;
        return e.compiled;
    }
}
