package dev.gkstudio.rego.eval;

import dev.gkstudio.rego.ast.*;
import dev.gkstudio.rego.builtins.BuiltinCatalog;
import dev.gkstudio.rego.compiler.Builtins;
import dev.gkstudio.rego.compiler.CompiledProgram;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * OPA's Rego API (not topdown) answers a query with the value of each expression, so {@code data.k8s.violation}
 * gives the set itself rather than an empty binding row. It gets there by rewriting the parsed query before
 * compiling it: a plain term {@code t} becomes {@code t = v}, a call whose result is not taken gets {@code v} as
 * its output argument, and the row reports v. Equalities, assignments, negations, {@code some} and {@code every}
 * report {@code true}. When the query can produce several rows (several expressions, or a ref with a variable
 * operand or a relation such as {@code walk}) a generated expression {@code v} keeps OPA's rule that a false
 * expression fails; a single non-iterating expression instead reports a false value as {@code false}.
 */
final class QueryCapture {
    /** Prefix of capture variables: a generated name the compiler leaves alone and traces show as {@code _}. */
    static final String PREFIX = "__localt";

    /**
     * One reported expression of the author's query.
     *
     * @param var      the capture variable holding its value, or null when the value is {@code true}
     * @param text     the expression's source text
     * @param location the expression's location in the query
     */
    record Captured(String var, String text, Location location) {}

    /** The rewritten query and, in the author's order, what each of their expressions reports. */
    record Result(Body body, List<Captured> captured) {}

    private QueryCapture() {}

    static Result rewrite(String source, Body query, CompiledProgram program, Builtins builtins) {
        boolean check = query.size() > 1 || iterates(query);
        List<Expr> out = new ArrayList<>();
        List<Expr> checks = new ArrayList<>();
        List<Captured> captured = new ArrayList<>();
        int n = 0;
        for (Expr e : query.exprs()) {
            String text = textOf(source, e.location());
            Expr rewritten = null;
            String var = null;
            if (!e.negated() && !e.isEquality() && !e.isAssignment()) {
                if (e.terms() instanceof Call c) {
                    Integer arity = arity(c.name(), program, builtins);
                    if (arity != null && arity == c.args().size()) {
                        var = PREFIX + n++ + "__";
                        rewritten = e.withTerms(c.withArg(new Var(var, e.location())));
                    }
                } else if (e.terms() instanceof Term t) {
                    var = PREFIX + n++ + "__";
                    Ref eq = Ref.of(e.location(), "eq");
                    rewritten = e.withTerms(new Call(eq, List.of(t, new Var(var, e.location())), e.location()));
                }
            }
            out.add(rewritten != null ? rewritten : e);
            captured.add(new Captured(var, text, e.location()));
            if (var != null && check) {
                checks.add(new Expr(0, false, new Var(var, e.location()), List.of(), true, e.location()));
            }
        }
        out.addAll(checks);
        List<Expr> indexed = new ArrayList<>(out.size());
        for (int i = 0; i < out.size(); i++) indexed.add(out.get(i).withIndex(i));
        return new Result(new Body(indexed, query.location()), List.copyOf(captured));
    }

    /** A call's result can be taken when it has exactly its declared arguments and declares a result. */
    private static Integer arity(String name, CompiledProgram program, Builtins builtins) {
        Builtins.Builtin b = builtins.get(name);
        if (b != null) return b.hasResult() && !b.variadic() ? b.arity() : null;
        Map<String, Integer> fns = program.functions();
        return fns == null ? null : fns.get(name);
    }

    private static String textOf(String source, Location loc) {
        if (source != null && loc.endOffset() > loc.startOffset() && loc.endOffset() <= source.length()) {
            return source.substring(loc.startOffset(), loc.endOffset());
        }
        return "";
    }

    /** OPA's {@code iteration}: a ref with a variable operand, or a relation builtin, outside comprehensions. */
    static boolean iterates(Object node) {
        if (node instanceof Body b) {
            for (Expr e : b.exprs()) if (iterates(e)) return true;
            return false;
        }
        if (node instanceof Expr e) {
            for (With w : e.withs()) if (iterates(w.target()) || iterates(w.value())) return true;
            return iterates(e.terms());
        }
        if (node instanceof SomeDecl s) return anyIterates(s.symbols());
        if (node instanceof Every ev) {
            return iterates(ev.key()) || iterates(ev.value()) || iterates(ev.domain()) || iterates(ev.body());
        }
        if (node instanceof LogicalExpr l) {
            for (Body b : l.operands()) if (iterates(b)) return true;
            return false;
        }
        if (node instanceof Ref r) {
            for (int i = 1; i < r.size(); i++) if (r.get(i) instanceof Var) return true;
            return anyIterates(r.terms());
        }
        if (node instanceof Call c) {
            BuiltinCatalog.Entry b = BuiltinCatalog.get(c.name());
            return (b != null && b.relation()) || anyIterates(c.args());
        }
        if (node instanceof ArrayTerm a) return anyIterates(a.elements());
        if (node instanceof SetTerm s) return anyIterates(s.elements());
        if (node instanceof ObjectTerm o) {
            for (var en : o.entries()) if (iterates(en.getKey()) || iterates(en.getValue())) return true;
            return false;
        }
        if (node instanceof TemplateString ts) {
            for (TemplateString.Part p : ts.parts()) if (p.expr() != null && iterates(p.expr())) return true;
        }
        return false;
    }

    private static boolean anyIterates(List<? extends Term> terms) {
        for (Term t : terms) if (iterates(t)) return true;
        return false;
    }
}
