package dev.gkstudio.rego.ast;

/**
 * What an {@link Expr} holds: a single {@link Term} (a call expression is a {@link Call} term, an infix
 * expression like {@code x = 1} is {@code Call(eq, [x, 1])}), a {@link SomeDecl}, an {@link Every},
 * a {@link LogicalExpr} ({@code and}/{@code or} keywords) or a grouped {@link Body} ({@code not { ... }}).
 */
public sealed interface ExprTerms extends Node permits Term, SomeDecl, Every, LogicalExpr, Body {
}
