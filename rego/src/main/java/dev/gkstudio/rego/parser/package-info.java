/**
 * Rego lexer and recursive-descent parser (v0 and v1). Entry point: {@link dev.gkstudio.rego.parser.RegoParser}
 * ({@code parseModule}, {@code parseQuery}, {@code parseTerm}). Errors are {@code rego_parse_error} diagnostics with
 * OPA's wording; the parser recovers at statement starts (a word at column 1) to report several errors, caches parsed
 * terms by position so backtracking stays linear, and stops with "max parsing recursion depth exceeded" beyond
 * {@value dev.gkstudio.rego.parser.Parser#MAX_DEPTH} nesting levels (no StackOverflowError).
 */
package dev.gkstudio.rego.parser;
