package dev.gkstudio.rego.debug;

import dev.gkstudio.rego.value.Value;

import java.util.List;

/**
 * A stopped session's state; immutable, safe to read from any thread.
 *
 * @param reason  {@code breakpoint}, {@code step}, {@code entry} or {@code fail}
 * @param detail  e.g. the condition error of a breakpoint whose condition could not be evaluated; may be empty
 * @param frames  enclosing queries, innermost first (never empty)
 * @param input   the {@code input} in scope (a {@code with input as} replaces it), null when undefined
 * @param data    the base documents of the evaluation
 */
public record Pause(String reason, String detail, List<StackFrame> frames, Value input, Value data) {
    public Pause {
        frames = List.copyOf(frames);
    }

    public StackFrame top() {
        return frames.get(0);
    }
}
