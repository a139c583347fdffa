package dev.gkstudio.gatekeeper.dap;

import dev.gkstudio.rego.value.Value;

import java.util.HashMap;
import java.util.Map;

/**
 * DAP {@code variablesReference}s of one pause: a number per structured value handed out, forgotten when the
 * evaluation goes on (as DAP says references are only valid while stopped).
 */
final class Handles {
    private final Map<Integer, Value> values = new HashMap<>();
    private int next = 1;

    synchronized int add(Value v) {
        int id = next++;
        values.put(id, v);
        return id;
    }

    synchronized Value get(int id) {
        return values.get(id);
    }

    synchronized void clear() {
        values.clear();
    }
}
