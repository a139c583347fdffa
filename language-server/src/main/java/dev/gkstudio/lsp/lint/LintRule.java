package dev.gkstudio.lsp.lint;

import java.util.List;

import org.eclipse.lsp4j.DiagnosticSeverity;

/**
 * A lint rule: a code {@code category/name} (Regal's naming), a severity, a one-line summary and a check.
 * The documentation of a rule is {@code rules/<category>/<name>.md} on the classpath, linked as
 * {@code <rulesBaseUrl><category>/<name>}.
 */
public abstract class LintRule {
    private final String category;
    private final String name;
    private final DiagnosticSeverity severity;
    private final String summary;

    protected LintRule(String category, String name, DiagnosticSeverity severity, String summary) {
        this.category = category;
        this.name = name;
        this.severity = severity;
        this.summary = summary;
    }

    public String code() { return category + "/" + name; }

    public String category() { return category; }

    public String name() { return name; }

    public DiagnosticSeverity severity() { return severity; }

    public String summary() { return summary; }

    /** Adds findings for one module to out. */
    public abstract void check(LintContext ctx, List<Finding> out);

    protected Finding finding(int start, int end, String message) {
        return new Finding(this, start, end, message, null);
    }

    protected Finding finding(int start, int end, String message, Finding.Fix fix) {
        return new Finding(this, start, end, message, fix);
    }
}
