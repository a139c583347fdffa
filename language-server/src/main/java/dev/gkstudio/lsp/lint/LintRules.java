package dev.gkstudio.lsp.lint;

import static org.eclipse.lsp4j.DiagnosticSeverity.Error;
import static org.eclipse.lsp4j.DiagnosticSeverity.Information;
import static org.eclipse.lsp4j.DiagnosticSeverity.Warning;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

import org.eclipse.lsp4j.DiagnosticSeverity;

import dev.gkstudio.lsp.workspace.Ast;
import dev.gkstudio.rego.ast.Body;
import dev.gkstudio.rego.ast.Call;
import dev.gkstudio.rego.ast.Comment;
import dev.gkstudio.rego.ast.Expr;
import dev.gkstudio.rego.ast.Import;
import dev.gkstudio.rego.ast.Location;
import dev.gkstudio.rego.ast.ObjectTerm;
import dev.gkstudio.rego.ast.Ref;
import dev.gkstudio.rego.ast.RegoVersion;
import dev.gkstudio.rego.ast.Rule;
import dev.gkstudio.rego.ast.RuleKind;
import dev.gkstudio.rego.ast.Scalar;
import dev.gkstudio.rego.ast.SomeDecl;
import dev.gkstudio.rego.ast.Term;
import dev.gkstudio.rego.ast.Var;
import dev.gkstudio.rego.builtins.BuiltinCatalog;
import dev.gkstudio.rego.format.RegoFormatter;

/** The lint rules, Regal style. {@link #ALL} is the catalogue (order = documentation order). */
public final class LintRules {

    private LintRules() {}

    private static final Set<String> COMPARISONS = Set.of("equal", "neq", "lt", "lte", "gt", "gte");
    private static final Pattern SNAKE = Pattern.compile("[a-z0-9_]+");
    private static final int MAX_LINE = 120;
    private static final int MAX_RULE_LINES = 30;

    /** A rule from a lambda. */
    private static LintRule rule(String category, String name, DiagnosticSeverity s, String summary,
                                 BiConsumer<LintContext, Emitter> check) {
        return new LintRule(category, name, s, summary) {
            @Override
            public void check(LintContext ctx, List<Finding> out) {
                LintRule self = this;
                check.accept(ctx, new Emitter() {
                    @Override
                    public void add(int start, int end, String message, Finding.Fix fix) {
                        out.add(new Finding(self, start, end, message, fix));
                    }
                });
            }
        };
    }

    interface Emitter {
        void add(int start, int end, String message, Finding.Fix fix);

        default void add(Location l, String message) { add(l.startOffset(), l.endOffset(), message, null); }

        default void add(Location l, String message, Finding.Fix fix) { add(l.startOffset(), l.endOffset(), message, fix); }
    }

    private static Finding.Fix fix(String title, int start, int end, String text) {
        return new Finding.Fix(title, List.of(new Finding.Edit(start, end, text)));
    }

    private static boolean isWildcard(Term t) { return t instanceof Var v && v.isWildcard(); }

    private static boolean endsWithWildcard(Term t) {
        return t instanceof Ref r && r.size() > 1 && isWildcard(r.get(r.size() - 1));
    }

    private static boolean containsWildcard(Term t) {
        if (!(t instanceof Ref r)) return false;
        for (int i = 1; i < r.size(); i++) if (isWildcard(r.get(i))) return true;
        return false;
    }

    /** The head value was written (not the {@code true} the parser adds). */
    private static boolean explicitValue(Term v, String text) {
        if (v == null) return false;
        if (v instanceof Scalar s && s.isBoolean() && Boolean.TRUE.equals(s.value())) return "true".equals(v.location().text(text));
        return true;
    }

    private static boolean generatedBody(Rule r) {
        return r.body().size() == 1 && r.body().get(0).generated();
    }

    /**
     * Deletes whole lines [startLine..endLine] holding [start, end). When they were a paragraph of their own (blank
     * lines around them), one of the blank lines goes too: two in a row would be left otherwise.
     */
    private static Finding.Fix deleteLines(String title, String text, int start, int end) {
        int s = text.lastIndexOf('\n', Math.max(0, start - 1)) + 1;
        int e = text.indexOf('\n', end);
        e = e < 0 ? text.length() : e + 1;
        boolean blankBefore = s == 1 || (s >= 2 && text.charAt(s - 2) == '\n');
        if (blankBefore && e < text.length() && text.charAt(e) == '\n') e++;
        return fix(title, s, e, "");
    }

    private static void eachBody(LintContext ctx, BiConsumer<Rule, Body> f) {
        for (Rule r : ctx.module().rules()) {
            for (Rule x = r; x != null; x = x.elseRule()) {
                Rule owner = x;
                Ast.rule(x, new Ast.Visitor() {
                    @Override
                    public void body(Body b) { f.accept(owner, b); }
                });
            }
        }
    }

    private static void eachExpr(LintContext ctx, BiConsumer<Rule, Expr> f) {
        for (Rule r : ctx.module().rules()) {
            Ast.rule(r, new Ast.Visitor() {
                @Override
                public void expr(Expr e) { if (!e.generated()) f.accept(r, e); }
            });
        }
    }

    private static void eachCall(LintContext ctx, BiConsumer<Rule, Call> f) {
        for (Rule r : ctx.module().rules()) {
            Ast.rule(r, new Ast.Visitor() {
                @Override
                public void term(Term t) { if (t instanceof Call c) f.accept(r, c); }
            });
        }
    }

    private static boolean isBuiltinName(String name) {
        BuiltinCatalog.Entry e = BuiltinCatalog.get(name);
        return e != null && !name.contains(".") && e.infix().isEmpty() && !name.equals("print");
    }

    // ------------------------------------------------------------------ rules

    static final LintRule UNUSED_IMPORT = rule("imports", "unused-import", Warning, "Unused import", (ctx, out) -> {
        Set<String> used = new HashSet<>();
        for (Rule r : ctx.module().rules()) {
            Ast.rule(r, new Ast.Visitor() {
                @Override
                public void term(Term t) {
                    if (t instanceof Ref ref && ref.terms().get(0) instanceof Var v) used.add(v.name());
                    if (t instanceof Var v) used.add(v.name());
                    if (t instanceof Call c && c.operator().terms().get(0) instanceof Var v) used.add(v.name());
                }
            });
            used.add(Ast.ruleName(r));
        }
        for (Import im : ctx.module().imports()) {
            if (im.isSyntaxImport()) continue;
            if (!used.contains(im.name())) {
                out.add(im.location(), "Unused import " + im.path() + (im.alias() != null ? " as " + im.alias() : ""),
                        deleteLines("Remove unused import", ctx.text(), im.location().startOffset(), im.location().endOffset()));
            }
        }
    });

    static final LintRule UNUSED_VARIABLE = rule("bugs", "unused-variable", Warning, "Variable assigned but never used",
            (ctx, out) -> {
                for (Rule r : ctx.module().rules()) {
                    Map<String, Integer> uses = new HashMap<>();
                    Map<String, Var> assigned = new LinkedHashMap<>();
                    Ast.rule(r, new Ast.Visitor() {
                        @Override
                        public void expr(Expr e) {
                            if (e.isAssignment() && e.call().args().get(0) instanceof Var v && !v.isWildcard()) {
                                assigned.putIfAbsent(v.name(), v);
                            }
                        }

                        @Override
                        public void term(Term t) {
                            if (t instanceof Var v) uses.merge(v.name(), 1, Integer::sum);
                            if (t instanceof Ref ref && ref.terms().get(0) instanceof Var v) uses.merge(v.name(), 1, Integer::sum);
                        }
                    });
                    for (Var v : assigned.values()) {
                        if (v.name().startsWith("_")) continue;
                        if (uses.getOrDefault(v.name(), 0) <= 1) {
                            out.add(v.location(), "Variable " + v.name() + " is assigned but never used");
                        }
                    }
                }
            });

    static final LintRule USE_ASSIGNMENT_OPERATOR = rule("style", "use-assignment-operator", Warning,
            "Prefer := over = for assignment", (ctx, out) -> {
                // v0: `=` in a rule head is idiomatic (Gatekeeper's library, and what opa fmt keeps); only v1 asks for :=
                if (ctx.version() == RegoVersion.V0) return;
                for (Rule r : ctx.module().rules()) {
                    var h = r.head();
                    if (h.assign() || h.kind() == RuleKind.PARTIAL_SET || !explicitValue(h.value(), ctx.text())) continue;
                    int from = h.args() != null && !h.args().isEmpty()
                            ? h.args().get(h.args().size() - 1).location().endOffset() : h.ref().location().endOffset();
                    int to = h.value().location().startOffset();
                    if (from < 0 || to > ctx.text().length() || from > to) continue;
                    int eq = ctx.text().indexOf('=', from);
                    if (eq < 0 || eq >= to) continue;
                    out.add(eq, eq + 1, "Prefer := over = for assignment", fix("Use :=", eq, eq + 1, ":="));
                }
            });

    static final LintRule PREFER_SOME_IN = rule("style", "prefer-some-in-iteration", Information,
            "Prefer `some .. in` for iteration", (ctx, out) -> eachExpr(ctx, (r, e) -> {
                if (!inKeywordAvailable(ctx)) return; // v0 without `in`: a v0 template must not be told to use v1-only syntax
                if (!(e.isAssignment() || e.isEquality()) || e.negated() || !e.withs().isEmpty()) return;
                Term lhs = e.call().args().get(0), rhs = e.call().args().get(1);
                if (!(lhs instanceof Var v) || v.isWildcard() || !endsWithWildcard(rhs)) return;
                Ref ref = (Ref) rhs;
                for (int i = 1; i < ref.size() - 1; i++) if (!ref.get(i).isGround()) return;
                String refText = ref.location().text(ctx.text());
                int bracket = refText.lastIndexOf('[');
                if (bracket <= 0) return;
                String coll = refText.substring(0, bracket);
                out.add(e.location(), "Prefer `some " + v.name() + " in " + coll + "` over `" + e.location().text(ctx.text()) + "`",
                        fix("Use some .. in", e.location().startOffset(), e.location().endOffset(),
                                "some " + v.name() + " in " + coll));
            }));

    static final LintRule NON_LOOP_EXPRESSION = rule("performance", "non-loop-expression", Information,
            "Non-loop expression in loop", (ctx, out) -> {
                Set<String> globals = new HashSet<>(ctx.ruleNames());
                for (Import im : ctx.module().imports()) globals.add(im.name());
                globals.add("input");
                globals.add("data");
                for (Rule r : ctx.module().rules()) {
                    Body b = r.body();
                    // the vars bound before the loop, besides the globals (not a copy of them per rule:
                    // that was quadratic in the number of rules, minutes for a 4 MB document)
                    Set<String> before = new HashSet<>();
                    if (r.head().args() != null) for (Term a : r.head().args()) before.addAll(Ast.varNames(a));
                    int loop = -1;
                    for (int i = 0; i < b.size(); i++) {
                        Expr e = b.get(i);
                        boolean iterates = e.terms() instanceof SomeDecl s && s.isIn();
                        if (!iterates) {
                            boolean[] w = {false};
                            Ast.expr(e, new Ast.Visitor() {
                                @Override
                                public void term(Term t) { if (containsWildcard(t)) w[0] = true; }
                            });
                            iterates = w[0];
                        }
                        if (loop < 0 && iterates) {
                            loop = i;
                            continue;
                        }
                        if (loop < 0) {
                            before.addAll(Ast.varNames(e));
                            continue;
                        }
                        if (e.generated() || e.terms() instanceof SomeDecl) continue;
                        Set<String> vs = Ast.varNames(e);
                        if (!vs.isEmpty() && vs.stream().allMatch(x -> globals.contains(x) || before.contains(x))
                                && !e.isAssignment()) {
                            out.add(e.location(), "Non-loop expression in loop: `" + e.location().text(ctx.text())
                                    + "` does not depend on the iteration above; move it before the loop");
                            break;
                        }
                    }
                }
            });

    static final LintRule REDUNDANT_EXISTENCE_CHECK = rule("bugs", "redundant-existence-check", Information,
            "Redundant existence check", (ctx, out) -> eachBody(ctx, (r, b) -> {
                for (int i = 0; i < b.size(); i++) {
                    Expr e = b.get(i);
                    if (e.negated() || !e.withs().isEmpty() || !(e.terms() instanceof Ref ref) || !ref.isGroundPath()) continue;
                    for (int j = i + 1; j < b.size(); j++) {
                        boolean[] found = {false};
                        Ast.expr(b.get(j), new Ast.Visitor() {
                            @Override
                            public void term(Term t) {
                                if (t instanceof Ref other && other.size() >= ref.size() && other.hasPrefix(ref)) found[0] = true;
                            }
                        });
                        if (found[0]) {
                            out.add(e.location(), "Redundant existence check: " + ref + " is referenced below",
                                    deleteLines("Remove the existence check", ctx.text(), e.location().startOffset(),
                                            e.location().endOffset()));
                            break;
                        }
                    }
                }
            }));

    static final LintRule MESSAGE_WITHOUT_SPRINTF = rule("gatekeeper", "message-without-sprintf", Information,
            "Build violation messages with sprintf", (ctx, out) -> {
                for (Rule r : ctx.module().rules()) {
                    if (!"violation".equals(Ast.ruleName(r))) continue;
                    for (Expr e : r.body().exprs()) {
                        if ((e.isAssignment() || e.isEquality()) && e.call().args().get(0) instanceof Var v
                                && v.name().equals("msg") && e.call().args().get(1) instanceof Call c
                                && c.name().equals("concat")) {
                            out.add(e.location(), "Build the message with sprintf (as Gatekeeper's library does), not concat");
                        }
                    }
                }
            });

    static final LintRule SHADOWED_INPUT = rule("bugs", "shadowed-input-or-data", Error,
            "input or data shadowed by a variable, argument or rule", (ctx, out) -> {
                for (Rule r : ctx.module().rules()) {
                    String n = Ast.ruleName(r);
                    if (n.equals("input") || n.equals("data")) out.add(r.head().ref().location(), "Rule " + n + " shadows the " + n + " document");
                    if (r.head().args() != null) {
                        for (Term a : r.head().args()) {
                            String an = a instanceof Var v ? v.name() : a instanceof Ref ref && ref.size() == 1 ? ref.head().name() : "";
                            if (an.equals("input") || an.equals("data")) {
                                out.add(a.location(), "Argument " + an + " shadows the " + an + " document");
                            }
                        }
                    }
                }
                eachExpr(ctx, (r, e) -> {
                    if (e.isAssignment() && e.call().args().get(0) instanceof Var v
                            && (v.name().equals("input") || v.name().equals("data"))) {
                        out.add(v.location(), "Variable " + v.name() + " shadows the " + v.name() + " document");
                    }
                    if (e.terms() instanceof SomeDecl s && !s.isIn()) {
                        for (Term t : s.symbols()) {
                            if (t instanceof Var v && (v.name().equals("input") || v.name().equals("data"))) {
                                out.add(v.location(), "Variable " + v.name() + " shadows the " + v.name() + " document");
                            }
                        }
                    }
                });
            });

    static final LintRule DEPRECATED_BUILTIN = rule("bugs", "deprecated-builtin", Warning, "Avoid deprecated built-in functions",
            (ctx, out) -> eachCall(ctx, (r, c) -> {
                BuiltinCatalog.Entry b = BuiltinCatalog.get(c.name());
                if (b != null && b.deprecated()) out.add(c.operator().location(), "Built-in " + c.name() + " is deprecated");
            }));

    static final LintRule LINE_LENGTH = rule("style", "line-length", Information, "Line too long", (ctx, out) -> {
        String t = ctx.text();
        int start = 0;
        while (start <= t.length()) {
            int end = t.indexOf('\n', start);
            if (end < 0) end = t.length();
            if (end - start > MAX_LINE) {
                out.add(start + MAX_LINE, end, "Line is " + (end - start) + " characters long (max " + MAX_LINE + ")", null);
            }
            start = end + 1;
        }
    });

    static final LintRule PREFER_SNAKE_CASE = rule("style", "prefer-snake-case", Information, "Prefer snake_case for names",
            (ctx, out) -> {
                Set<String> seen = new HashSet<>();
                for (Rule r : ctx.module().rules()) {
                    String n = Ast.ruleName(r);
                    if (!SNAKE.matcher(n).matches() && seen.add(n)) {
                        out.add(r.head().ref().terms().get(0).location(), "Name " + n + " is not snake_case");
                    }
                }
                eachExpr(ctx, (r, e) -> {
                    if (e.isAssignment() && e.call().args().get(0) instanceof Var v && !v.isWildcard()
                            && !SNAKE.matcher(v.name()).matches()) {
                        out.add(v.location(), "Variable " + v.name() + " is not snake_case");
                    }
                });
            });

    static final LintRule OPA_FMT = rule("style", "opa-fmt", Information, "File should be formatted with opa fmt",
            (ctx, out) -> {
                String formatted = RegoFormatter.format(ctx.module(), ctx.text(), ctx.version());
                if (!formatted.equals(ctx.text()) && !(ctx.embedded() && sameButIndentation(formatted, ctx.text()))) {
                    // on the first line that opa fmt changes (not the package line): the hint is where the difference is
                    String t = ctx.text();
                    int n = Math.min(t.length(), formatted.length()), i = 0;
                    while (i < n && t.charAt(i) == formatted.charAt(i)) i++;
                    int start = t.lastIndexOf('\n', Math.max(0, Math.min(i, t.length()) - 1)) + 1;
                    if (i == 0) start = 0;
                    int end = t.indexOf('\n', start);
                    if (end < 0) end = t.length();
                    if (end == start && start > 0) start = t.lastIndexOf('\n', start - 2) + 1; // an empty line: the one above
                    out.add(start, Math.max(end, start), "Module is not formatted (opa fmt): first difference on this line",
                            fix("Format module", 0, t.length(), formatted));
                }
            });

    /** Whether two texts differ only in the whitespace that starts their lines (tabs versus spaces). */
    static boolean sameButIndentation(String a, String b) {
        String[] x = a.strip().split("\n", -1), y = b.strip().split("\n", -1);
        if (x.length != y.length) return false;
        for (int i = 0; i < x.length; i++) if (!x[i].stripLeading().equals(y[i].stripLeading())) return false;
        return true;
    }

    static final LintRule TODO_COMMENT = rule("style", "todo-comment", Information, "Avoid TODO comments", (ctx, out) -> {
        for (Comment c : ctx.module().comments()) {
            String u = c.text().toUpperCase();
            if (u.contains("TODO") || u.contains("FIXME")) out.add(c.location(), "TODO comment");
        }
    });

    static final LintRule NO_WHITESPACE_COMMENT = rule("style", "no-whitespace-comment", Information,
            "Comment should start with whitespace", (ctx, out) -> {
                for (Comment c : ctx.module().comments()) {
                    String t = c.text();
                    if (t.isEmpty() || Character.isWhitespace(t.charAt(0)) || t.startsWith("#") || t.startsWith("!")) continue;
                    int at = c.location().startOffset() + 1;
                    out.add(c.location(), "Comment should start with a space", fix("Add a space", at, at, " "));
                }
            });

    static final LintRule CONSTANT_CONDITION = rule("bugs", "constant-condition", Warning, "Constant condition",
            (ctx, out) -> eachExpr(ctx, (r, e) -> {
                if (e.terms() instanceof Call c && COMPARISONS.contains(c.name()) && c.args().size() == 2
                        && c.args().get(0) instanceof Scalar && c.args().get(1) instanceof Scalar) {
                    out.add(e.location(), "Constant condition: " + e.location().text(ctx.text()));
                }
            }));

    static final LintRule NOT_EQUALS_IN_LOOP = rule("bugs", "not-equals-in-loop", Warning, "Use of != in loop",
            (ctx, out) -> eachExpr(ctx, (r, e) -> {
                if (e.terms() instanceof Call c && c.name().equals("neq") && c.args().size() == 2
                        && (containsWildcard(c.args().get(0)) || containsWildcard(c.args().get(1)))) {
                    out.add(e.location(), "!= with an iteration is true when any element differs; use `not x in xs` or a helper rule");
                }
            }));

    static final LintRule RULE_SHADOWS_BUILTIN = rule("bugs", "rule-shadows-builtin", Error, "Rule name shadows built-in",
            (ctx, out) -> {
                for (Rule r : ctx.module().rules()) {
                    String n = Ast.ruleName(r);
                    if (isBuiltinName(n)) out.add(r.head().ref().terms().get(0).location(), "Rule " + n + " shadows the built-in " + n);
                }
            });

    static final LintRule VAR_SHADOWS_BUILTIN = rule("bugs", "var-shadows-builtin", Warning, "Variable name shadows built-in",
            (ctx, out) -> {
                for (Rule r : ctx.module().rules()) {
                    if (r.head().args() != null) {
                        for (Term a : r.head().args()) {
                            if (a instanceof Var v && isBuiltinName(v.name())) out.add(v.location(), "Argument " + v.name() + " shadows the built-in " + v.name());
                        }
                    }
                }
                eachExpr(ctx, (r, e) -> {
                    if (e.isAssignment() && e.call().args().get(0) instanceof Var v && isBuiltinName(v.name())) {
                        out.add(v.location(), "Variable " + v.name() + " shadows the built-in " + v.name());
                    }
                });
            });

    static final LintRule USE_IN_OPERATOR = rule("idiomatic", "use-in-operator", Information, "Use in to check for membership",
            (ctx, out) -> eachExpr(ctx, (r, e) -> {
                if (!(e.terms() instanceof Call c) || !c.name().equals("equal") || c.args().size() != 2 || e.negated()) return;
                Term a = c.args().get(0), b = c.args().get(1);
                Term coll = endsWithWildcard(b) ? b : endsWithWildcard(a) ? a : null;
                Term item = coll == b ? a : b;
                if (coll == null || containsWildcard(item)) return;
                Ref ref = (Ref) coll;
                for (int i = 1; i < ref.size() - 1; i++) if (!ref.get(i).isGround()) return;
                String refText = coll.location().text(ctx.text());
                int bracket = refText.lastIndexOf('[');
                if (bracket <= 0) return;
                String replacement = item.location().text(ctx.text()) + " in " + refText.substring(0, bracket);
                out.add(e.location(), "Use `" + replacement + "` to check for membership",
                        fix("Use in", e.location().startOffset(), e.location().endOffset(), replacement));
            }));

    static final LintRule UNCONDITIONAL_ASSIGNMENT = rule("style", "unconditional-assignment", Information,
            "Unconditional assignment in rule body", (ctx, out) -> {
                for (Rule r : ctx.module().rules()) {
                    if (r.elseRule() != null || r.body().size() != 1) continue;
                    Term result = r.head().kind() == RuleKind.PARTIAL_SET ? r.head().key() : r.head().value();
                    if (!(result instanceof Var hv)) continue;
                    Expr e = r.body().get(0);
                    if ((e.isAssignment() || e.isEquality()) && e.call().args().get(0) instanceof Var v && v.name().equals(hv.name())) {
                        out.add(e.location(), "Assign " + v.name() + " in the rule head instead of the body");
                    }
                }
            });

    static final LintRule YODA_CONDITION = rule("style", "yoda-condition", Information, "Yoda condition, it is",
            (ctx, out) -> eachExpr(ctx, (r, e) -> {
                if (e.terms() instanceof Call c && COMPARISONS.contains(c.name()) && c.args().size() == 2
                        && c.args().get(0) instanceof Scalar && !(c.args().get(1) instanceof Scalar)) {
                    String op = switch (c.name()) {
                        case "equal" -> "=="; case "neq" -> "!="; case "lt" -> ">"; case "lte" -> ">=";
                        case "gt" -> "<"; default -> "<=";
                    };
                    String swapped = c.args().get(1).location().text(ctx.text()) + " " + op + " "
                            + c.args().get(0).location().text(ctx.text());
                    out.add(e.location(), "Yoda condition: put the constant on the right",
                            e.negated() || !e.withs().isEmpty() ? null
                                    : fix("Swap operands", e.location().startOffset(), e.location().endOffset(), swapped));
                }
            }));

    static final LintRule BOOLEAN_ASSIGNMENT = rule("idiomatic", "boolean-assignment", Information,
            "Prefer if over boolean assignment", (ctx, out) -> {
                for (Rule r : ctx.module().rules()) {
                    if (r.isDefault()) continue;
                    if (r.head().value() instanceof Call c && COMPARISONS.contains(c.name()) && generatedBody(r)) {
                        out.add(r.head().location(), "Prefer `" + Ast.ruleName(r) + " if " + c.location().text(ctx.text())
                                + "` over assigning the comparison's boolean");
                    }
                }
            });

    static final LintRule AVOID_IMPORTING_INPUT = rule("imports", "avoid-importing-input", Warning, "Avoid importing input",
            (ctx, out) -> {
                for (Import im : ctx.module().imports()) {
                    if (im.path().hasVarHead() && im.path().head().name().equals("input")) {
                        out.add(im.location(), "Avoid importing input; refer to input directly");
                    }
                }
            });

    static final LintRule REDUNDANT_ALIAS = rule("imports", "redundant-alias", Information, "Redundant alias", (ctx, out) -> {
        for (Import im : ctx.module().imports()) {
            if (im.alias() == null) continue;
            Term last = im.path().get(im.path().size() - 1);
            if (last instanceof Scalar s && s.isString() && s.stringValue().equals(im.alias())) {
                String t = im.location().text(ctx.text());
                int as = t.lastIndexOf(" as ");
                out.add(im.location(), "Redundant alias " + im.alias(), as < 0 ? null
                        : fix("Remove alias", im.location().startOffset() + as, im.location().endOffset(), ""));
            }
        }
    });

    static final LintRule DUPLICATE_RULE = rule("bugs", "duplicate-rule", Error, "Duplicate rule", (ctx, out) -> {
        Set<String> seen = new HashSet<>();
        for (Rule r : ctx.module().rules()) {
            String key = (r.isDefault() ? "default " : "") + r;
            if (!seen.add(key)) out.add(r.head().location(), "Duplicate rule " + Ast.ruleName(r) + " (same head and body as above)");
        }
    });

    static final LintRule FUNCTION_ARG_RETURN = rule("style", "function-arg-return", Information,
            "Function argument used for return value", (ctx, out) -> eachExpr(ctx, (r, e) -> {
                if (!(e.terms() instanceof Call c)) return;
                BuiltinCatalog.Entry b = BuiltinCatalog.get(c.name());
                if (b == null || b.variadic() || !b.infix().isEmpty() || b.resultType().isEmpty()) return;
                if (c.args().size() == b.args().size() + 1) {
                    out.add(e.location(), "Use the return value of " + c.name() + " (x := " + c.name() + "(...)) instead of an output argument");
                }
            }));

    static final LintRule IF_EMPTY_OBJECT = rule("bugs", "if-empty-object", Error, "Empty object following if",
            (ctx, out) -> {
                for (Rule r : ctx.module().rules()) {
                    if (r.body().size() == 1 && !r.body().get(0).generated() && r.body().get(0).terms() instanceof ObjectTerm o
                            && o.entries().isEmpty()) {
                        out.add(r.body().get(0).location(), "Empty object after if: the rule is always true");
                    }
                }
            });

    static final LintRule TRAILING_DEFAULT_RULE = rule("style", "trailing-default-rule", Information,
            "Default rule should be declared first", (ctx, out) -> {
                Set<String> seen = new HashSet<>();
                for (Rule r : ctx.module().rules()) {
                    String n = Ast.ruleName(r);
                    if (r.isDefault() && seen.contains(n)) out.add(r.location(), "Declare default " + n + " before the other " + n + " rules");
                    seen.add(n);
                }
            });

    static final LintRule MESSY_RULE = rule("style", "messy-rule", Information, "Messy incremental rule", (ctx, out) -> {
        Set<String> closed = new HashSet<>();
        String prev = null;
        for (Rule r : ctx.module().rules()) {
            String n = Ast.ruleName(r);
            if (!n.equals(prev)) {
                if (closed.contains(n)) out.add(r.head().location(), "Keep the definitions of " + n + " together");
                if (prev != null) closed.add(prev);
            }
            prev = n;
        }
    });

    static final LintRule INCONSISTENT_ARGS = rule("bugs", "inconsistent-args", Warning,
            "Inconsistently named function arguments", (ctx, out) -> {
                Map<String, List<Term>> first = new HashMap<>();
                for (Rule r : ctx.module().rules()) {
                    List<Term> args = r.head().args();
                    if (args == null) continue;
                    String key = Ast.ruleName(r) + "/" + args.size();
                    List<Term> f = first.putIfAbsent(key, args);
                    if (f == null) continue;
                    for (int i = 0; i < args.size(); i++) {
                        if (args.get(i) instanceof Var a && f.get(i) instanceof Var b && !a.isWildcard() && !b.isWildcard()
                                && !a.name().equals(b.name())) {
                            out.add(a.location(), "Argument " + (i + 1) + " of " + Ast.ruleName(r) + " is named " + b.name() + " elsewhere");
                        }
                    }
                }
            });

    static final LintRule UNUSED_RETURN_VALUE = rule("bugs", "unused-return-value", Warning, "Non-boolean return value unused",
            (ctx, out) -> eachExpr(ctx, (r, e) -> {
                if (!(e.terms() instanceof Call c) || e.negated()) return;
                BuiltinCatalog.Entry b = BuiltinCatalog.get(c.name());
                if (b == null || !b.infix().isEmpty() || b.variadic() || b.resultType().isEmpty()
                        || b.resultType().equals("boolean") || b.resultType().startsWith("any")) return;
                if (c.args().size() == b.args().size()) out.add(e.location(), "The " + b.resultType() + " returned by " + c.name() + " is unused");
            }));

    static final LintRule RULE_LENGTH = rule("style", "rule-length", Information, "Max rule length exceeded", (ctx, out) -> {
        for (Rule r : ctx.module().rules()) {
            int lines = r.location().endLine() - r.location().startLine() + 1;
            if (lines > MAX_RULE_LINES) out.add(r.head().location(), "Rule " + Ast.ruleName(r) + " is " + lines + " lines long (max " + MAX_RULE_LINES + ")");
        }
    });

    static final LintRule MISSING_MSG = rule("gatekeeper", "violation-without-msg", Error,
            "violation results need a msg", (ctx, out) -> {
                if (!ctx.template()) return;
                for (Rule r : ctx.module().rules()) {
                    if (!"violation".equals(Ast.ruleName(r))) continue;
                    Term key = r.head().kind() == RuleKind.PARTIAL_SET ? r.head().key() : null;
                    if (key instanceof ObjectTerm o) {
                        boolean hasMsg = false;
                        for (var e : o.entries()) if (e.getKey() instanceof Scalar s && "msg".equals(s.value())) hasMsg = true;
                        if (!hasMsg) out.add(key.location(), "Gatekeeper reads the message of a violation from its \"msg\" key");
                    }
                }
            });

    static final LintRule TOP_LEVEL_ITERATION = rule("bugs", "top-level-iteration", Warning, "Iteration in top-level assignment",
            (ctx, out) -> {
                for (Rule r : ctx.module().rules()) {
                    if (generatedBody(r) && r.head().args() == null && containsWildcard(r.head().value())) {
                        out.add(r.head().value().location(), "Iteration in a rule head value: the rule conflicts as soon as two values exist");
                    }
                }
            });

    static final LintRule EXTERNAL_REFERENCE = rule("style", "external-reference", Information,
            "External reference in function", (ctx, out) -> {
                for (Rule r : ctx.module().rules()) {
                    if (r.head().args() == null) continue;
                    Ast.body(r.body(), new Ast.Visitor() {
                        @Override
                        public void term(Term t) {
                            if (t instanceof Ref ref && ref.terms().get(0) instanceof Var v && v.name().equals("input")) {
                                out.add(ref.location(), "Function " + Ast.ruleName(r) + " reads input; pass it as an argument");
                            }
                        }
                    });
                }
            });

    static final LintRule AVOID_GET_AND_LIST_PREFIX = rule("style", "avoid-get-and-list-prefix", Information,
            "Avoid get_ and list_ prefix for rules and functions", (ctx, out) -> {
                Set<String> seen = new HashSet<>();
                for (Rule r : ctx.module().rules()) {
                    String n = Ast.ruleName(r);
                    if ((n.startsWith("get_") || n.startsWith("list_")) && seen.add(n)) {
                        out.add(r.head().ref().terms().get(0).location(), "Name " + n + " needs no get_/list_ prefix");
                    }
                }
            });

    /**
     * Regal's use-rego-v1: a v0 module that already opts into v1 keywords with {@code import future.keywords...}
     * should say {@code import rego.v1} instead. A plain v0 module (a Gatekeeper template that is v0 on purpose,
     * {@code source.version}) is not told to convert, and the finding is on the import, never the package line.
     */
    static final LintRule USE_REGO_V1_SYNTAX = rule("imports", "use-rego-v1", Information, "Use Rego v1 syntax",
            (ctx, out) -> {
                if (ctx.version() != RegoVersion.V0) return;
                for (Import im : ctx.module().imports()) if (im.path().toString().equals("rego.v1")) return;
                for (Import im : ctx.module().imports()) {
                    if (isFutureKeywords(im)) {
                        out.add(im.location(), "Use `import rego.v1` instead of future.keywords imports; the \"Convert to Rego v1\" action rewrites the module");
                        return;
                    }
                }
            });

    private static boolean isFutureKeywords(Import im) {
        String p = im.path().toString();
        return p.equals("future.keywords") || p.startsWith("future.keywords.");
    }

    /** {@code some x in xs} parses: v1, {@code import rego.v1}, or {@code import future.keywords(.in)}. */
    private static boolean inKeywordAvailable(LintContext ctx) {
        if (ctx.version() != RegoVersion.V0) return true;
        for (Import im : ctx.module().imports()) {
            String p = im.path().toString();
            if (p.equals("rego.v1") || p.equals("future.keywords") || p.equals("future.keywords.in")) return true;
        }
        return false;
    }

    /** Every rule, in documentation order. */
    public static final List<LintRule> ALL = List.of(
            UNUSED_IMPORT, UNUSED_VARIABLE, USE_ASSIGNMENT_OPERATOR, PREFER_SOME_IN, NON_LOOP_EXPRESSION,
            REDUNDANT_EXISTENCE_CHECK, MESSAGE_WITHOUT_SPRINTF, SHADOWED_INPUT, DEPRECATED_BUILTIN, LINE_LENGTH,
            PREFER_SNAKE_CASE, OPA_FMT, TODO_COMMENT, NO_WHITESPACE_COMMENT, CONSTANT_CONDITION, NOT_EQUALS_IN_LOOP,
            RULE_SHADOWS_BUILTIN, VAR_SHADOWS_BUILTIN, USE_IN_OPERATOR, UNCONDITIONAL_ASSIGNMENT, YODA_CONDITION,
            BOOLEAN_ASSIGNMENT, AVOID_IMPORTING_INPUT, REDUNDANT_ALIAS, DUPLICATE_RULE, FUNCTION_ARG_RETURN,
            IF_EMPTY_OBJECT, TRAILING_DEFAULT_RULE, MESSY_RULE, INCONSISTENT_ARGS, UNUSED_RETURN_VALUE, RULE_LENGTH,
            MISSING_MSG, TOP_LEVEL_ITERATION, EXTERNAL_REFERENCE, AVOID_GET_AND_LIST_PREFIX, USE_REGO_V1_SYNTAX);

    public static LintRule byCode(String code) {
        for (LintRule r : ALL) if (r.code().equals(code)) return r;
        return null;
    }

    /** Runs every rule; a rule that fails is skipped (lint must never break diagnostics). */
    public static List<Finding> lint(LintContext ctx) {
        return lint(ctx, () -> { });
    }

    /** @param checkpoint run before each rule: throws (CancellationException) to stop a superseded run */
    public static List<Finding> lint(LintContext ctx, Runnable checkpoint) {
        List<Finding> out = new ArrayList<>();
        for (LintRule r : ALL) {
            checkpoint.run();
            try {
                r.check(ctx, out);
            } catch (RuntimeException e) {
                // a rule bug on unusual input: skip the rule
            }
        }
        return out;
    }
}
