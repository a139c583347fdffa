package dev.gkstudio.rego.ast;

import java.util.List;

/** Helpers that print AST nodes in Rego source form (OPA's {@code String()} conventions). */
public final class Printer {
    private Printer() {}

    /** Quotes a string like Go's {@code strconv.Quote} (as OPA prints string terms). */
    public static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                case 0x07 -> sb.append("\\a");
                case 0x0b -> sb.append("\\v");
                default -> {
                    if (c < 0x20 || c == 0x7f) sb.append(String.format("\\x%02x", (int) c));
                    else sb.append(c);
                }
            }
        }
        return sb.append('"').toString();
    }

    /** @return true if {@code s} can be printed after a dot in a ref. */
    public static boolean isIdentifier(String s) {
        if (s.isEmpty()) return false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (i > 0 && c >= '0' && c <= '9');
            if (!ok) return false;
        }
        return true;
    }

    /** Prints a ref: {@code data.test.q[x]}, {@code input["a-b"]}, {@code x[0]}. */
    public static String ref(Ref r) {
        StringBuilder sb = new StringBuilder();
        List<Term> ts = r.terms();
        Term head = ts.get(0);
        sb.append(head);
        for (int i = 1; i < ts.size(); i++) {
            Term t = ts.get(i);
            if (t instanceof Scalar s && s.isString() && isIdentifier(s.stringValue())) {
                sb.append('.').append(s.stringValue());
            } else {
                sb.append('[').append(t).append(']');
            }
        }
        return sb.toString();
    }

    /** Prints {@code open + a, b, c + close}. */
    public static String list(String open, List<? extends Object> items, String close) {
        StringBuilder sb = new StringBuilder(open);
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) sb.append(", ");
            sb.append(items.get(i));
        }
        return sb.append(close).toString();
    }

    /** Prints an expression: {@code not x = y with input as 1}; eq/assign with 2 args infix, other calls prefix. */
    public static String expr(Expr e) {
        StringBuilder sb = new StringBuilder();
        if (e.negated()) sb.append("not ");
        ExprTerms t = e.terms();
        if (t instanceof Call c && c.args().size() == 2 && (c.name().equals("eq") || c.name().equals("assign"))) {
            sb.append(c.args().get(0)).append(c.name().equals("eq") ? " = " : " := ").append(c.args().get(1));
        } else if (t instanceof Body b) {
            sb.append("{ ").append(b).append(" }");
        } else {
            sb.append(t);
        }
        for (With w : e.withs()) sb.append(' ').append(w);
        return sb.toString();
    }
}
