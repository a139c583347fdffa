package dev.gkstudio.rego.ast;

/**
 * Kind of a rule, derived from its head.
 * <ul>
 * <li>COMPLETE: single value at a ground path ({@code p := 1}, {@code a.b.c = x if ...}, {@code default p := false});</li>
 * <li>PARTIAL_SET: multi-value ({@code p contains x}, v0 {@code p[x] { ... }}); the key is {@link RuleHead#key()};</li>
 * <li>PARTIAL_OBJECT: single value at a path with variable parts ({@code p[k] := v}, {@code p[x][y] := z});</li>
 * <li>FUNCTION: has arguments ({@code f(x) := y}).</li>
 * </ul>
 */
public enum RuleKind { COMPLETE, PARTIAL_SET, PARTIAL_OBJECT, FUNCTION }
