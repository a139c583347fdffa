package dev.gkstudio.rego.ast;

/**
 * Rego language version a module was parsed with.
 * <ul>
 * <li>{@link #V0}: pre-1.0 syntax; {@code if}, {@code contains}, {@code in}, {@code every} are only keywords
 * after {@code import future.keywords[.x]} or {@code import rego.v1}.</li>
 * <li>{@link #V1}: OPA 1.x default; the keywords are always on, {@code if} and {@code contains} are required.</li>
 * </ul>
 */
public enum RegoVersion { V0, V1 }
