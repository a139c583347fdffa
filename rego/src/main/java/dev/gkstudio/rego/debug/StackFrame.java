package dev.gkstudio.rego.debug;

import dev.gkstudio.rego.ast.Location;
import dev.gkstudio.rego.value.Value;

import java.util.Map;

/**
 * One enclosing query at a pause, innermost first.
 *
 * @param index    0 for the innermost frame; the frame id used by {@link DebugSession#evaluate}
 * @param name     what the frame evaluates: {@code rule data.pkg.violation}, {@code function data.pkg.f},
 *                 {@code comprehension}, {@code not ...}, {@code every ...}, {@code query}
 * @param location the expression being evaluated in this frame (for outer frames: the call site)
 * @param text     that expression's source, with the author's variable names
 * @param locals   bindings in scope under the author's names (compiler-generated variables left out)
 */
public record StackFrame(int index, String name, Location location, String text, Map<String, Value> locals) {
}
