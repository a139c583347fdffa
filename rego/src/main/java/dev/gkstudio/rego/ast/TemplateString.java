package dev.gkstudio.rego.ast;

import java.util.List;

/**
 * A v1 template string {@code $"text {expr} text"} or multi-line {@code $`...`}. Literal chunks have
 * escapes already resolved ({@code \{} gives a literal brace). Expression parts hold the term of
 * the embedded expression (infix expressions are {@link Call}s). Evaluation (OPA semantics): each
 * expression part is rendered (strings raw, other values as Rego text), undefined renders as
 * {@code <undefined>}.
 *
 * @param parts     literal and expression parts in order
 * @param multiLine true for the backtick form
 * @param location  source range
 */
public record TemplateString(List<Part> parts, boolean multiLine, Location location) implements Term {

    public TemplateString {
        parts = List.copyOf(parts);
    }

    /**
     * A template part: either {@code literal != null} (text chunk) or {@code expr != null}.
     *
     * @param literal literal text (escapes resolved), or null
     * @param expr    expression term, or null
     * @param withs   {@code with} modifiers applying while evaluating {@code expr} (usually empty)
     */
    public record Part(String literal, Term expr, List<With> withs) {
        public Part {
            withs = withs == null ? List.of() : List.copyOf(withs);
        }

        public boolean isLiteral() { return literal != null; }

        public static Part text(String s) { return new Part(s, null, List.of()); }

        public static Part expr(Term t) { return new Part(null, t, List.of()); }

        public static Part expr(Term t, List<With> withs) { return new Part(null, t, withs); }
    }

    @Override
    public boolean isGround() { return false; }

    @Override
    public TemplateString withLocation(Location location) { return new TemplateString(parts, multiLine, location); }

    @Override
    public boolean equals(Object o) { return o instanceof TemplateString t && t.parts.equals(parts) && t.multiLine == multiLine; }

    @Override
    public int hashCode() { return parts.hashCode(); }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("$").append(multiLine ? '`' : '"');
        for (Part p : parts) {
            if (p.isLiteral()) {
                String q = multiLine ? p.literal() : Printer.quote(p.literal());
                if (!multiLine) q = q.substring(1, q.length() - 1);
                sb.append(q.replace("{", "\\{"));
            } else {
                sb.append('{').append(p.expr());
                for (With w : p.withs()) sb.append(' ').append(w);
                sb.append('}');
            }
        }
        return sb.append(multiLine ? '`' : '"').toString();
    }
}
