package dev.gkstudio.rego.builtins;

import java.time.Instant;
import java.util.Map;

/** What a builtin may know about the evaluation it runs in. Implemented by the evaluator. */
public interface BuiltinContext {
    /** The query's fixed "now" (time.now_ns returns the same value throughout one query). */
    Instant now();

    /**
     * A cache that lives for one query: builtins that must be deterministic within a query
     * (rand.intn, uuid.rfc4122) keep their answers here.
     */
    Map<Object, Object> queryCache();

    /** Throws when the evaluation was cancelled or ran out of time; long-running builtins call it. */
    void checkCancelled();

    /** Whether builtins may reach the network (never in the Studio; only for tests that mock it). */
    default boolean networkAllowed() { return false; }

    /** The mocked external data providers of this evaluation (see {@code EvalOptions#externalData}), or null. */
    default dev.gkstudio.rego.value.Value externalData() { return null; }
}
