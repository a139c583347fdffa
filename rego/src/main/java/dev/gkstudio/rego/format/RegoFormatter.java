package dev.gkstudio.rego.format;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.gkstudio.rego.ast.ArrayComprehension;
import dev.gkstudio.rego.ast.ArrayTerm;
import dev.gkstudio.rego.ast.Body;
import dev.gkstudio.rego.ast.Call;
import dev.gkstudio.rego.ast.Comment;
import dev.gkstudio.rego.ast.Diagnostic;
import dev.gkstudio.rego.ast.Every;
import dev.gkstudio.rego.ast.Expr;
import dev.gkstudio.rego.ast.ExprTerms;
import dev.gkstudio.rego.ast.Import;
import dev.gkstudio.rego.ast.Location;
import dev.gkstudio.rego.ast.LogicalExpr;
import dev.gkstudio.rego.ast.Module;
import dev.gkstudio.rego.ast.ObjectComprehension;
import dev.gkstudio.rego.ast.ObjectTerm;
import dev.gkstudio.rego.ast.Printer;
import dev.gkstudio.rego.ast.Ref;
import dev.gkstudio.rego.ast.RegoVersion;
import dev.gkstudio.rego.ast.Rule;
import dev.gkstudio.rego.ast.RuleHead;
import dev.gkstudio.rego.ast.RuleKind;
import dev.gkstudio.rego.ast.Scalar;
import dev.gkstudio.rego.ast.SetComprehension;
import dev.gkstudio.rego.ast.SetTerm;
import dev.gkstudio.rego.ast.SomeDecl;
import dev.gkstudio.rego.ast.SourceFile;
import dev.gkstudio.rego.ast.Term;
import dev.gkstudio.rego.ast.TemplateString;
import dev.gkstudio.rego.ast.Var;
import dev.gkstudio.rego.ast.With;
import dev.gkstudio.rego.parser.ParseResult;
import dev.gkstudio.rego.parser.RegoParser;

/**
 * Canonical Rego formatter in the style of {@code opa fmt}: tab indentation, one expression per line in
 * braced bodies, {@code if}/{@code contains} in v1 (and in v0 when the future keywords are imported),
 * {@code :=} in v1 rule heads, generated {@code = true} values and {@code { true }} bodies dropped, one blank
 * line between rules and after the package and import blocks, one blank line kept inside bodies where the source
 * had one or more, multi-line collections with trailing commas, comments kept (own-line comments before the next
 * node, end-of-line comments after it).
 *
 * <p>Formatting to {@link RegoVersion#V1} a module parsed as v0 converts it to Rego v1 ({@code if} before every
 * body, {@code contains} for multi-value rules, {@code :=} in heads, {@code future.keywords} and
 * {@code rego.v1} imports dropped). Formatting a v1 module keeps those imports (as {@code opa fmt} does without
 * {@code --drop-v0-imports}). The output is idempotent: formatting it again gives the same text.
 *
 * <p>Thread-safe: every call uses its own state.
 */
public final class RegoFormatter {

    /** The module could not be parsed; the diagnostics say why. */
    public static final class FormatException extends Exception {
        private final List<Diagnostic> diagnostics;

        public FormatException(List<Diagnostic> diagnostics) {
            super(diagnostics.isEmpty() ? "parse error" : diagnostics.get(0).toString());
            this.diagnostics = List.copyOf(diagnostics);
        }

        public List<Diagnostic> diagnostics() { return diagnostics; }
    }

    private RegoFormatter() {}

    /** Formats source text of the given version, keeping that version. */
    public static String format(String fileName, String text, RegoVersion version) throws FormatException {
        return format(fileName, text, version, version);
    }

    /** Formats source text parsed as {@code from} into Rego {@code to} (v0 → v1 converts). */
    public static String format(String fileName, String text, RegoVersion from, RegoVersion to) throws FormatException {
        ParseResult pr = RegoParser.parseModule(new SourceFile(fileName, text), from);
        if (!pr.ok()) throw new FormatException(pr.diagnostics());
        return format(pr.module(), text, to);
    }

    /**
     * Converts a v0 module's text to Rego v1. Fails (with the v1 parser's diagnostics) when the module cannot be
     * expressed in v1 as is, e.g. when it uses a v1 keyword such as {@code in} or {@code if} as a variable name.
     */
    public static String toV1(String fileName, String text) throws FormatException {
        String out = format(fileName, text, RegoVersion.V0, RegoVersion.V1);
        ParseResult check = RegoParser.parseModule(new SourceFile(fileName, out), RegoVersion.V1);
        if (!check.ok()) throw new FormatException(check.diagnostics());
        return out;
    }

    /**
     * Formats a parsed module. {@code source} is the text it was parsed from (used for comments, blank lines and
     * literal spelling); pass null to print from the AST alone (comments are then lost).
     */
    public static String format(Module module, String source, RegoVersion target) {
        return new Writer(module, source, target).module();
    }

    // ------------------------------------------------------------------ writer

    private static final Map<String, String> INFIX = Map.ofEntries(
            Map.entry("eq", "="), Map.entry("assign", ":="), Map.entry("equal", "=="), Map.entry("neq", "!="),
            Map.entry("lt", "<"), Map.entry("lte", "<="), Map.entry("gt", ">"), Map.entry("gte", ">="),
            Map.entry("plus", "+"), Map.entry("minus", "-"), Map.entry("mul", "*"), Map.entry("div", "/"),
            Map.entry("rem", "%"), Map.entry("and", "&"), Map.entry("or", "|"));

    /** Imports that only turn on keywords every v1 module has ({@code and}/{@code or}/{@code not} stay). */
    private static final Set<String> REDUNDANT_IN_V1 = Set.of("rego.v1", "future.keywords", "future.keywords.in",
            "future.keywords.every", "future.keywords.if", "future.keywords.contains");

    private static final Set<String> KEYWORDS = Set.of("as", "default", "else", "false", "import", "not", "null",
            "package", "some", "true", "with", "in", "every", "contains", "if");

    /** Outer precedence of a term that is a whole expression. */
    private static final int TOP = -1;

    private static int precedence(String op) {
        return switch (op) {
            case "eq", "assign" -> 0;
            case "internal.member_2", "internal.member_3" -> 1;
            case "or" -> 2;
            case "and" -> 3;
            case "equal", "neq", "lt", "lte", "gt", "gte" -> 4;
            case "plus", "minus" -> 5;
            case "mul", "div", "rem" -> 6;
            default -> 10;
        };
    }

    private static final class Writer {
        private final Module module;
        private final String src;
        private final RegoVersion target;
        private final boolean useIf;
        private final boolean converting;
        private final boolean useContains;
        private final List<Comment> comments;
        private int nextComment;
        private final StringBuilder out = new StringBuilder();
        private int indent;

        Writer(Module module, String src, RegoVersion target) {
            this.module = module;
            this.src = src;
            this.target = target;
            boolean v1 = target == RegoVersion.V1;
            this.converting = v1 && module.version() == RegoVersion.V0;
            boolean kwIf = v1, kwContains = v1;
            if (!v1) {
                for (Import im : module.imports()) {
                    String p = im.path().toString();
                    if (p.equals("rego.v1") || p.equals("future.keywords")) kwIf = kwContains = true;
                    if (p.equals("future.keywords.if")) kwIf = true;
                    if (p.equals("future.keywords.contains")) kwContains = true;
                }
            }
            this.useIf = kwIf;
            this.useContains = kwContains;
            List<Comment> cs = new ArrayList<>(src == null ? List.of() : module.comments());
            cs.sort((a, b) -> Integer.compare(a.location().startOffset(), b.location().startOffset()));
            this.comments = cs;
        }

        String module() {
            Location pkgLoc = module.pkg().location();
            commentsBefore(pkgLoc.isKnown() ? pkgLoc.startOffset() : 0, -1);
            out.append("package ");
            packagePath(module.pkg().path());
            trailingComment(pkgLoc);
            out.append('\n');
            int lastEnd = pkgLoc.endLine();
            boolean first = true;
            for (Import im : module.imports()) {
                if (converting && im.isSyntaxImport()) {
                    // converting to v1, which has every keyword: future.keywords and rego.v1 imports are redundant
                    // (formatting v1 keeps them, like opa fmt without --drop-v0-imports)
                    String p = im.path().toString();
                    if (REDUNDANT_IN_V1.contains(p)) {
                        continue;
                    }
                }
                int line = leadingLine(im.location());
                if (first || (src != null && line - lastEnd > 1)) out.append('\n');
                first = false;
                commentsBefore(im.location().startOffset(), lastEnd);
                out.append("import ");
                ref(im.path());
                if (im.alias() != null) out.append(" as ").append(im.alias());
                trailingComment(im.location());
                out.append('\n');
                lastEnd = im.location().endLine();
            }
            for (Rule r : module.rules()) {
                // rules are always separated by one blank line
                out.append('\n');
                commentsBefore(r.location().startOffset(), lastEnd);
                rule(r);
                lastEnd = endLine(r);
            }
            // comments after the last node
            if (nextComment < comments.size()) {
                int prev = lastEnd;
                for (; nextComment < comments.size(); nextComment++) {
                    Comment c = comments.get(nextComment);
                    if (c.location().startLine() - prev > 1) out.append('\n');
                    out.append('#').append(c.text()).append('\n');
                    prev = c.location().endLine();
                }
            }
            return out.toString();
        }

        /** Line of the first comment that will be printed before the node, or the node's line. */
        private int leadingLine(Location loc) {
            if (nextComment < comments.size()) {
                Comment c = comments.get(nextComment);
                if (c.location().startOffset() < loc.startOffset()) return c.location().startLine();
            }
            return loc.startLine();
        }

        private int endLine(Rule r) {
            int end = r.location().endLine();
            for (Rule e = r.elseRule(); e != null; e = e.elseRule()) end = Math.max(end, e.location().endLine());
            return end;
        }

        /** Prints own-line comments that start before offset; keeps one blank line where the source had some. */
        private void commentsBefore(int offset, int prevLine) {
            while (nextComment < comments.size() && comments.get(nextComment).location().startOffset() < offset) {
                Comment c = comments.get(nextComment++);
                if (prevLine > 0 && c.location().startLine() - prevLine > 1 && !atBlockStart()) newlineRaw();
                tabs();
                out.append('#').append(c.text()).append('\n');
                prevLine = c.location().endLine();
            }
        }

        private boolean atBlockStart() {
            int n = out.length();
            return n == 0 || (n >= 2 && out.charAt(n - 1) == '\n' && (out.charAt(n - 2) == '{' || out.charAt(n - 2) == '\n'))
                    || (n >= 2 && out.charAt(n - 1) == '\n' && (out.charAt(n - 2) == '[' || out.charAt(n - 2) == '|'));
        }

        private void newlineRaw() {
            int n = out.length();
            if (n >= 2 && out.charAt(n - 1) == '\n' && out.charAt(n - 2) == '\n') return;
            out.append('\n');
        }

        /** Appends an end-of-line comment that sits on the node's last source line. */
        private void trailingComment(Location loc) {
            if (!loc.isKnown()) return;
            if (nextComment < comments.size()) {
                Comment c = comments.get(nextComment);
                if (c.location().startLine() == loc.endLine() && c.location().startOffset() >= loc.endOffset()) {
                    out.append(" #").append(c.text());
                    nextComment++;
                }
            }
        }

        private void tabs() {
            for (int i = 0; i < indent; i++) out.append('\t');
        }

        // ---------------------------------------------------------- rules

        private void rule(Rule r) {
            if (r.isDefault()) {
                out.append("default ");
                headRef(r.head());
                if (r.head().args() != null) args(r.head().args());
                out.append(target == RegoVersion.V1 || r.head().assign() ? " := " : " = ");
                term(r.head().value(), 0);
                trailingComment(r.location());
                out.append('\n');
                return;
            }
            head(r.head());
            boolean generatedBody = r.body().size() == 1 && r.body().get(0).generated();
            if (!generatedBody) {
                if (useIf) out.append(" if");
                ruleBody(r, r.body());
            } else if (r.elseRule() == null) {
                trailingComment(r.head().location());
            }
            for (Rule e = r.elseRule(); e != null; e = e.elseRule()) {
                out.append(generatedBody ? " " : " ").append("else");
                Term v = e.head().value();
                if (v != null && !isGeneratedTrue(v)) {
                    out.append(target == RegoVersion.V1 || e.head().assign() ? " := " : " = ");
                    term(v, 0);
                }
                if (useIf) out.append(" if");
                out.append(" {\n");
                block(e.body());
                out.append('}');
                trailingComment(e.location());
            }
            out.append('\n');
        }

        private void ruleBody(Rule r, Body body) {
            if (useIf && body.size() == 1 && singleLineBody(r)) {
                out.append(' ');
                expr(body.get(0));
                if (r.elseRule() == null) trailingComment(body.get(0).location());
                return;
            }
            out.append(" {\n");
            block(body);
            out.append('}');
            if (r.elseRule() == null) trailingComment(r.location());
        }

        /** True when the source wrote the body as {@code if expr} on the head's line (no braces). */
        private boolean singleLineBody(Rule r) {
            if (src == null) return false;
            Expr e = r.body().get(0);
            if (e.location().startLine() != e.location().endLine()) return false;
            if (e.terms() instanceof Every || e.terms() instanceof Body) return false;
            int i = r.head().location().endOffset();
            int end = e.location().startOffset();
            if (i < 0 || end > src.length() || i > end) return false;
            String between = src.substring(i, end).strip();
            if (!between.equals("if")) return false;
            return r.head().location().startLine() == e.location().startLine();
        }

        private void head(RuleHead h) {
            headRef(h);
            if (h.args() != null) args(h.args());
            if (h.kind() == RuleKind.PARTIAL_SET) {
                if (useContains) {
                    out.append(" contains ");
                    term(h.key(), 0);
                } else {
                    out.append('[');
                    term(h.key(), 0);
                    out.append(']');
                }
                return;
            }
            Term v = h.value();
            if (v != null && !isGeneratedTrue(v)) {
                out.append(target == RegoVersion.V1 || h.assign() ? " := " : " = ");
                term(v, 0);
            }
        }

        private void headRef(RuleHead h) {
            ref(h.ref());
        }

        private void args(List<Term> as) {
            out.append('(');
            for (int i = 0; i < as.size(); i++) {
                if (i > 0) out.append(", ");
                term(as.get(i), 0);
            }
            out.append(')');
        }

        /** A {@code true} value the parser put there because the source had none. */
        private boolean isGeneratedTrue(Term v) {
            if (!(v instanceof Scalar s) || !s.isBoolean() || !Boolean.TRUE.equals(s.value())) return false;
            if (src == null) return true;
            return !"true".equals(v.location().text(src));
        }

        // ---------------------------------------------------------- bodies

        /** Prints body expressions one per line at indent+1, then the closing indentation. */
        private void block(Body body) {
            indent++;
            int prevLine = -1;
            for (Expr e : body.exprs()) {
                int line = leadingLine(e.location());
                if (prevLine > 0 && src != null && line - prevLine > 1) out.append('\n');
                commentsBefore(e.location().startOffset(), prevLine);
                tabs();
                expr(e);
                trailingComment(e.location());
                out.append('\n');
                prevLine = e.location().endLine();
            }
            // comments before the closing brace
            int close = body.location().isKnown() ? body.location().endOffset() : -1;
            if (close > 0) commentsBeforeClose(close, prevLine);
            indent--;
            tabs();
        }

        private void commentsBeforeClose(int offset, int prevLine) {
            // comments up to the closing brace of this block, which ends at or after offset
            int limit = src == null ? offset : closingBrace(offset);
            commentsBefore(limit, prevLine);
        }

        private int closingBrace(int offset) {
            int i = offset;
            while (i < src.length()) {
                char c = src.charAt(i);
                if (c == '}' || c == ']') return i;
                if (c == '#') {
                    while (i < src.length() && src.charAt(i) != '\n') i++;
                    continue;
                }
                if (!Character.isWhitespace(c)) return offset;
                i++;
            }
            return offset;
        }

        private void expr(Expr e) {
            if (e.negated()) out.append("not ");
            ExprTerms t = e.terms();
            if (t instanceof Term term) {
                term(term, TOP);
            } else if (t instanceof SomeDecl s) {
                some(s);
            } else if (t instanceof Every ev) {
                out.append("every ");
                if (ev.key() != null) {
                    term(ev.key(), 0);
                    out.append(", ");
                }
                term(ev.value(), 0);
                out.append(" in ");
                term(ev.domain(), 1);
                out.append(" {\n");
                block(ev.body());
                out.append('}');
            } else if (t instanceof Body b) {
                out.append("{\n");
                block(b);
                out.append('}');
            } else if (t instanceof LogicalExpr l) {
                String kw = l.op() == LogicalExpr.Op.AND ? " and " : " or ";
                for (int i = 0; i < l.operands().size(); i++) {
                    if (i > 0) out.append(kw);
                    Body b = l.operands().get(i);
                    if (b.size() == 1 && !(b.get(0).terms() instanceof LogicalExpr) && !(b.get(0).terms() instanceof Body)
                            && b.get(0).withs().isEmpty()) {
                        expr(b.get(0));
                    } else {
                        out.append("{ ");
                        for (int j = 0; j < b.size(); j++) {
                            if (j > 0) out.append("; ");
                            expr(b.get(j));
                        }
                        out.append(" }");
                    }
                }
            }
            for (With w : e.withs()) {
                out.append(" with ");
                term(w.target(), 0);
                out.append(" as ");
                term(w.value(), 1);
            }
        }

        private void some(SomeDecl s) {
            out.append("some ");
            if (s.isIn()) {
                List<Term> a = ((Call) s.symbols().get(0)).args();
                term(a.get(0), 10);
                if (a.size() == 3) {
                    out.append(", ");
                    term(a.get(1), 10);
                }
                out.append(" in ");
                term(a.get(a.size() - 1), 2);
                return;
            }
            for (int i = 0; i < s.symbols().size(); i++) {
                if (i > 0) out.append(", ");
                term(s.symbols().get(i), 0);
            }
        }

        // ---------------------------------------------------------- terms

        private void term(Term t, int outer) {
            if (t instanceof Scalar s) {
                scalar(s);
            } else if (t instanceof Var v) {
                out.append(v.isWildcard() ? "_" : v.name());
            } else if (t instanceof Ref r) {
                ref(r);
            } else if (t instanceof Call c) {
                call(c, outer);
            } else if (t instanceof ArrayTerm a) {
                collection("[", a.elements(), "]", a.location());
            } else if (t instanceof SetTerm s) {
                if (s.elements().isEmpty()) out.append("set()");
                else collection("{", s.elements(), "}", s.location());
            } else if (t instanceof ObjectTerm o) {
                object(o);
            } else if (t instanceof ArrayComprehension c) {
                comprehension("[", c.term(), null, c.body(), "]", c.location());
            } else if (t instanceof SetComprehension c) {
                comprehension("{", c.term(), null, c.body(), "}", c.location());
            } else if (t instanceof ObjectComprehension c) {
                comprehension("{", c.key(), c.value(), c.body(), "}", c.location());
            } else if (t instanceof TemplateString ts) {
                out.append(ts);
            } else {
                out.append(t);
            }
        }

        private void scalar(Scalar s) {
            if (s.isString()) {
                String raw = src != null && s.location().isKnown() ? s.location().text(src) : "";
                if (raw.length() >= 2 && raw.charAt(0) == '`' && raw.charAt(raw.length() - 1) == '`'
                        && raw.substring(1, raw.length() - 1).equals(s.stringValue())) {
                    out.append(raw);
                } else {
                    out.append(sourceQuote(s.stringValue()));
                }
            } else {
                out.append(s);
            }
        }

        /**
         * A string literal as Rego source: Rego strings are JSON strings, so control characters are written as
         * JSON's four-hex-digit escapes. {@link Printer#quote} follows Go's strconv.Quote (backslash-x, backslash-a),
         * which is right for messages but would not parse again (OPA's formatter had the same bug).
         */
        private static String sourceQuote(String value) {
            StringBuilder sb = new StringBuilder(value.length() + 2).append('"');
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                switch (c) {
                    case '"' -> sb.append("\\\"");
                    case '\\' -> sb.append("\\\\");
                    case '\n' -> sb.append("\\n");
                    case '\t' -> sb.append("\\t");
                    case '\r' -> sb.append("\\r");
                    case '\b' -> sb.append("\\b");
                    case '\f' -> sb.append("\\f");
                    default -> {
                        if (c < 0x20 || c == 0x7f) sb.append(String.format("\\u%04x", (int) c));
                        else sb.append(c);
                    }
                }
            }
            return sb.append('"').toString();
        }

        private void call(Call c, int outer) {
            String name = c.name();
            String op = INFIX.get(name);
            if (op != null && c.args().size() == 2) {
                int p = precedence(name);
                boolean paren = p < outer || (p == 0 && outer != TOP);
                if (paren) out.append('(');
                term(c.args().get(0), p == 0 ? 1 : p);
                out.append(' ').append(op).append(' ');
                // right operand: equal precedence needs parentheses (left-associative operators)
                term(c.args().get(1), p == 0 ? 1 : p + 1);
                if (paren) out.append(')');
                return;
            }
            if (name.equals("internal.member_2") && c.args().size() == 2
                    || name.equals("internal.member_3") && c.args().size() == 3) {
                boolean paren = outer > 1 || (outer != TOP && name.equals("internal.member_3"));
                if (paren) out.append('(');
                term(c.args().get(0), 10);
                if (c.args().size() == 3) {
                    out.append(", ");
                    term(c.args().get(1), 10);
                }
                out.append(" in ");
                term(c.args().get(c.args().size() - 1), 2);
                if (paren) out.append(')');
                return;
            }
            ref(c.operator());
            List<Location> locs = new ArrayList<>();
            List<Runnable> writers = new ArrayList<>();
            for (Term a : c.args()) {
                locs.add(a.location());
                writers.add(() -> term(a, 0));
            }
            iterable("(", ")", c.location(), false, locs, writers);
        }

        private void collection(String open, List<Term> elems, String close, Location loc) {
            List<Location> locs = new ArrayList<>();
            List<Runnable> writers = new ArrayList<>();
            for (Term e : elems) {
                locs.add(e.location());
                writers.add(() -> term(e, 0));
            }
            iterable(open, close, loc, true, locs, writers);
        }

        private void object(ObjectTerm o) {
            List<Location> locs = new ArrayList<>();
            List<Runnable> writers = new ArrayList<>();
            for (Map.Entry<Term, Term> e : o.entries()) {
                locs.add(e.getKey().location());
                writers.add(() -> {
                    term(e.getKey(), 0);
                    out.append(": ");
                    term(e.getValue(), 0);
                });
            }
            iterable("{", "}", o.location(), true, locs, writers);
        }

        /**
         * OPA's writeIterable: elements that start on the same source line stay on one line; the iterable is
         * written over several lines when its elements start on more than one line, or (for a literal, not a
         * call's arguments) when a line break precedes its first element. Each line then ends with a comma.
         */
        private void iterable(String open, String close, Location loc, boolean literal, List<Location> locs,
                List<Runnable> writers) {
            List<List<Integer>> lines = lineGroups(locs);
            boolean multi = src != null && loc.isKnown() && !locs.isEmpty()
                    && (lines.size() > 1 || literal && newlineBefore(loc, locs.get(0)));
            out.append(open);
            if (!multi) {
                for (int i = 0; i < writers.size(); i++) {
                    if (i > 0) out.append(", ");
                    writers.get(i).run();
                }
                out.append(close);
                return;
            }
            out.append('\n');
            indent++;
            int prev = loc.startLine();
            for (List<Integer> line : lines) {
                commentsBefore(locs.get(line.get(0)).startOffset(), prev);
                tabs();
                for (int k = 0; k < line.size(); k++) {
                    if (k > 0) out.append(", ");
                    writers.get(line.get(k)).run();
                }
                out.append(',');
                Location last = locs.get(line.get(line.size() - 1));
                trailingCommentAfterComma(last);
                out.append('\n');
                prev = last.endLine();
            }
            commentsBefore(loc.endOffset() - 1, prev);
            indent--;
            tabs();
            out.append(close);
        }

        private void trailingCommentAfterComma(Location loc) {
            if (nextComment < comments.size()) {
                Comment c = comments.get(nextComment);
                if (c.location().startLine() == loc.endLine() && c.location().startOffset() >= loc.endOffset()) {
                    out.append(" #").append(c.text());
                    nextComment++;
                }
            }
        }

        /** Indices of the elements grouped by the line they start on (a new group when an element starts lower). */
        private static List<List<Integer>> lineGroups(List<Location> locs) {
            List<List<Integer>> lines = new ArrayList<>();
            int prevLine = Integer.MIN_VALUE;
            for (int i = 0; i < locs.size(); i++) {
                int line = locs.get(i).isKnown() ? locs.get(i).startLine() : prevLine;
                if (lines.isEmpty() || line > prevLine) lines.add(new ArrayList<>());
                lines.get(lines.size() - 1).add(i);
                prevLine = Math.max(prevLine, line);
            }
            return lines;
        }

        private boolean newlineBefore(Location container, Location first) {
            if (!first.isKnown()) return false;
            int from = container.startOffset(), to = first.startOffset();
            return from >= 0 && to <= src.length() && from < to && src.substring(from, to).indexOf('\n') > 0;
        }

        private void comprehension(String open, Term head, Term value, Body body, String close, Location loc) {
            out.append(open);
            term(head, 0);
            if (value != null) {
                out.append(": ");
                term(value, 0);
            }
            // OPA's writeComprehensionBody: over several lines when the body starts below the head, or its
            // expressions start on more than one line
            List<Location> exprLocs = new ArrayList<>();
            for (Expr e : body.exprs()) exprLocs.add(e.location());
            Location headLoc = head.location();
            boolean multi = src != null && !exprLocs.isEmpty() && headLoc.isKnown() && exprLocs.get(0).isKnown()
                    && (exprLocs.get(0).startLine() > headLoc.startLine() || lineGroups(exprLocs).size() > 1);
            boolean hasBlock = false;
            for (Expr e : body.exprs()) {
                if (e.terms() instanceof Every || e.terms() instanceof Body) hasBlock = true;
            }
            if (!multi && !hasBlock) {
                out.append(" | ");
                for (int i = 0; i < body.size(); i++) {
                    if (i > 0) out.append("; ");
                    expr(body.get(i));
                }
                out.append(close);
                return;
            }
            out.append(" |\n");
            block(body);
            out.append(close);
        }

        // ---------------------------------------------------------- refs

        private void packagePath(Ref path) {
            int at = out.length();
            ref(path);
            if (out.indexOf("data.", at) == at) out.delete(at, at + 5);
        }

        private void ref(Ref r) {
            List<Term> ts = r.terms();
            Term head = ts.get(0);
            if (head instanceof Var v) {
                out.append(v.isWildcard() ? "_" : v.name());
            } else {
                term(head, 10);
            }
            for (int i = 1; i < ts.size(); i++) {
                Term t = ts.get(i);
                if (t instanceof Scalar s && s.isString() && Printer.isIdentifier(s.stringValue())) {
                    out.append('.').append(s.stringValue());
                } else {
                    out.append('[');
                    term(t, 0);
                    out.append(']');
                }
            }
        }
    }

    /** Whether {@code word} is a Rego keyword (in v1). */
    public static boolean isKeyword(String word) {
        return KEYWORDS.contains(word);
    }
}
