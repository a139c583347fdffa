package dev.gkstudio.rego.parser;

import dev.gkstudio.rego.ast.*;
import dev.gkstudio.rego.ast.Module;

import java.util.ArrayList;
import java.util.List;

/**
 * Entry points of the Rego parser. All methods are thread-safe (no shared state) and never throw for any input:
 * problems are reported as {@code rego_parse_error} {@link Diagnostic}s with OPA's messages and positions.
 * <ul>
 * <li>{@link #parseModule(SourceFile, RegoVersion)}: a whole file;</li>
 * <li>{@link #parseQuery(String, RegoVersion)}: a query body such as {@code data.test.p = x; y := 1};</li>
 * <li>{@link #parseTerm(String, RegoVersion)}: a single term such as {@code {"a": [1, x]}}.</li>
 * </ul>
 * In v1 the future keywords ({@code in}, {@code every}, {@code contains}, {@code if}) are always on; in v0 they
 * are enabled by {@code import future.keywords[.x]} or {@code import rego.v1}. {@code and}/{@code or} keywords and
 * the {@code not { ... }} form require {@code import future.keywords.and/or/not} in both versions.
 */
public final class RegoParser {
    private RegoParser() {}

    /** Parses a module. The returned module is never null (best effort on errors). */
    public static ParseResult parseModule(SourceFile source, RegoVersion version) {
        try {
            Parser p = new Parser(source, version);
            Module m = p.parseModule();
            return new ParseResult(m, p.finishErrors());
        } catch (StackOverflowError | RuntimeException e) {
            Location loc = new Location(source.name(), 1, 1, 1, 1, 0, 0);
            Module m = new Module(new dev.gkstudio.rego.ast.Package(Ref.of(Location.NONE, "data"), Location.NONE),
                    List.of(), List.of(), List.of(), List.of(), version, loc);
            String msg = e instanceof StackOverflowError ? Parser.DEPTH_MSG : "internal parser error: " + e;
            return new ParseResult(m, List.of(new Diagnostic(ErrorCodes.PARSE_ERROR, msg, loc)));
        }
    }

    /** Convenience: parse text with a file name. */
    public static ParseResult parseModule(String fileName, String text, RegoVersion version) {
        return parseModule(new SourceFile(fileName, text), version);
    }

    /**
     * Parses a query (one or more expressions separated by newlines or {@code ;}). Queries may use the
     * v1 keywords in v1; {@code import}-free, so in v0 the keywords are off.
     */
    public static QueryResult parseQuery(String query, RegoVersion version) {
        return parseQuery("", query, version);
    }

    /** Parses a query with a file name for locations. */
    public static QueryResult parseQuery(String fileName, String query, RegoVersion version) {
        try {
            Parser p = new Parser(new SourceFile(fileName, query), version);
            List<Expr> exprs = new ArrayList<>();
            int start = p.t().start();
            if (p.k() == TokenKind.EOF) {
                return new QueryResult(null, List.of(new Diagnostic(ErrorCodes.PARSE_ERROR, "empty query",
                        new Location(fileName, 0, 0, 0, 0, 0, 0))));
            }
            while (p.k() != TokenKind.EOF && !p.aborted) {
                Body b = p.parseQuery(false, TokenKind.EOF);
                if (b == null) break;
                for (Expr e : b.exprs()) exprs.add(e.withIndex(exprs.size()));
            }
            List<Diagnostic> errs = p.finishErrors();
            if (!errs.isEmpty()) return new QueryResult(null, errs);
            return new QueryResult(new Body(exprs, p.span(start)), errs);
        } catch (StackOverflowError | RuntimeException e) {
            return new QueryResult(null, List.of(new Diagnostic(ErrorCodes.PARSE_ERROR,
                    e instanceof StackOverflowError ? Parser.DEPTH_MSG : "internal parser error: " + e,
                    new Location(fileName, 1, 1, 1, 1, 0, 0))));
        }
    }

    /** Parses a single term. */
    public static TermResult parseTerm(String text, RegoVersion version) {
        try {
            Parser p = new Parser(new SourceFile("", text), version);
            Term t = p.parseTermInfixCall();
            if (t != null && p.k() != TokenKind.EOF && p.errors.isEmpty()) p.illegal("");
            List<Diagnostic> errs = p.finishErrors();
            return new TermResult(errs.isEmpty() ? t : null, errs);
        } catch (StackOverflowError | RuntimeException e) {
            return new TermResult(null, List.of(new Diagnostic(ErrorCodes.PARSE_ERROR,
                    e instanceof StackOverflowError ? Parser.DEPTH_MSG : "internal parser error: " + e,
                    new Location("", 1, 1, 1, 1, 0, 0))));
        }
    }
}
