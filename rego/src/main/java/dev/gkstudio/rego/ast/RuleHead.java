package dev.gkstudio.rego.ast;

import java.util.List;

/**
 * A rule head.
 * <ul>
 * <li>{@code ref}: the rule's reference relative to the package, head var first: {@code p}, {@code a.b.c},
 * {@code p[x]} (partial object; the key is the last ref term), {@code a.b[x][y]}. For partial sets the
 * ref does NOT include the element: {@code p contains x} has ref {@code p} and key {@code x}.</li>
 * <li>{@code name}: the head var name ({@code p} for {@code p.q[x]}).</li>
 * <li>{@code args}: function arguments, null if not a function ({@code f()} is not valid Rego).</li>
 * <li>{@code key}: element of a partial set, or the last (key) ref term of a partial object; else null.</li>
 * <li>{@code value}: value term; for rules without {@code =}/{@code :=} it is a generated {@code true}; null for
 * partial sets.</li>
 * <li>{@code assign}: true if written with {@code :=}.</li>
 * </ul>
 *
 * @param ref      head ref (see above)
 * @param name     head var name
 * @param args     function args or null
 * @param key      key/element term or null
 * @param value    value term or null
 * @param assign   {@code :=} used
 * @param kind     rule kind
 * @param location source range of the head
 */
public record RuleHead(Ref ref, String name, List<Term> args, Term key, Term value, boolean assign, RuleKind kind,
                       Location location) implements Node {

    public RuleHead {
        args = args == null ? null : List.copyOf(args);
    }

    public RuleHead withRef(Ref r) { return new RuleHead(r, name, args, key, value, assign, kind, location); }

    public RuleHead withArgs(List<Term> a) { return new RuleHead(ref, name, a, key, value, assign, kind, location); }

    public RuleHead withKey(Term k) { return new RuleHead(ref, name, args, k, value, assign, kind, location); }

    public RuleHead withValue(Term v) { return new RuleHead(ref, name, args, key, v, assign, kind, location); }

    /** Rego form, e.g. {@code p[x] := y}, {@code f(a, b) := c}, {@code s contains x}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(ref.toString());
        if (args != null) sb.append(Printer.list("(", args, ")"));
        if (kind == RuleKind.PARTIAL_SET) {
            sb.append(" contains ").append(key);
        } else if (value != null) {
            sb.append(assign ? " := " : " = ").append(value);
        }
        return sb.toString();
    }
}
