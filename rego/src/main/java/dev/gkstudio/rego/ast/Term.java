package dev.gkstudio.rego.ast;

/**
 * A Rego term. {@link #toString()} prints Rego source form (as used in traces and messages).
 */
public sealed interface Term extends ExprTerms
        permits Scalar, Var, Ref, ArrayTerm, ObjectTerm, SetTerm,
        ArrayComprehension, SetComprehension, ObjectComprehension, Call, TemplateString {

    /** @return true if the term contains no variables, refs, calls, comprehensions or template strings. */
    boolean isGround();

    /** @return this term with a different location. */
    Term withLocation(Location location);
}
