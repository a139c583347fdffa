package dev.gkstudio.rego.ast;

import java.util.List;

/**
 * A rule. v0 rules with several bodies ({@code p { a } { b }}) are split by the parser into several
 * rules with the same head, like OPA. {@code else} chains hang off {@link #elseRule()}; an else rule has the
 * same ref/args as its parent (value defaults to {@code true}).
 *
 * @param head        rule head
 * @param body        rule body (a generated {@code true} expression for bodiless rules like {@code p := 1})
 * @param isDefault   {@code default} rule
 * @param elseRule    next rule in the else chain, or null
 * @param annotations METADATA annotations attached to this rule (scope rule/document, in source order)
 * @param location    source range of the whole rule (head through last body / else)
 */
public record Rule(RuleHead head, Body body, boolean isDefault, Rule elseRule, List<Annotation> annotations,
                   Location location) implements Node {

    public Rule {
        annotations = annotations == null ? List.of() : List.copyOf(annotations);
    }

    public Rule withHead(RuleHead h) { return new Rule(h, body, isDefault, elseRule, annotations, location); }

    public Rule withBody(Body b) { return new Rule(head, b, isDefault, elseRule, annotations, location); }

    public Rule withElse(Rule e) { return new Rule(head, body, isDefault, e, annotations, location); }

    public Rule withAnnotations(List<Annotation> a) { return new Rule(head, body, isDefault, elseRule, a, location); }

    /** @return the rule kind from the head. */
    public RuleKind kind() { return head.kind(); }

    /** Rego form (v1 syntax). */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (isDefault) sb.append("default ");
        sb.append(head);
        sb.append(" if { ").append(body).append(" }");
        Rule e = elseRule;
        while (e != null) {
            sb.append(" else");
            if (e.head.value() != null) sb.append(" = ").append(e.head.value());
            sb.append(" { ").append(e.body).append(" }");
            e = e.elseRule;
        }
        return sb.toString();
    }
}
