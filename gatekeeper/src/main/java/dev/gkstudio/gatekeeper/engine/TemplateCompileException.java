package dev.gkstudio.gatekeeper.engine;

/**
 * A template's Rego was rejected.
 *
 * @see RegoEngine#compile
 */
public class TemplateCompileException extends Exception {
    /** Which source: -1 the entry point, i ≥ 0 the i-th lib; with a 1-based line and column, 0 if unknown. */
    public record Where(int module, int line, int column) {
    }

    private final Where where;

    public TemplateCompileException(String message, Where where) {
        super(message);
        this.where = where;
    }

    public Where where() {
        return where;
    }
}
