package dev.gkstudio.rego.debug;

/**
 * A line breakpoint.
 *
 * @param file      the source file name as compiled ({@code template.rego}, {@code lib_0.rego}, a policy path)
 * @param line      1-based line; the session stops before each expression that starts on it
 * @param condition a Rego expression over the bindings in scope; the session stops only when it is defined and
 *                  not {@code false}; null or blank for always
 */
public record Breakpoint(String file, int line, String condition) {
    public Breakpoint {
        file = file == null ? "" : file;
        condition = condition == null || condition.isBlank() ? null : condition.strip();
    }

    public Breakpoint(String file, int line) {
        this(file, line, null);
    }
}
