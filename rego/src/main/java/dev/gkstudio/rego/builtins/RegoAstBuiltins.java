package dev.gkstudio.rego.builtins;

import dev.gkstudio.rego.ast.ArrayComprehension;
import dev.gkstudio.rego.ast.ArrayTerm;
import dev.gkstudio.rego.ast.Body;
import dev.gkstudio.rego.ast.Call;
import dev.gkstudio.rego.ast.Diagnostic;
import dev.gkstudio.rego.ast.Every;
import dev.gkstudio.rego.ast.Expr;
import dev.gkstudio.rego.ast.ExprTerms;
import dev.gkstudio.rego.ast.Import;
import dev.gkstudio.rego.ast.LogicalExpr;
import dev.gkstudio.rego.ast.ObjectComprehension;
import dev.gkstudio.rego.ast.ObjectTerm;
import dev.gkstudio.rego.ast.Ref;
import dev.gkstudio.rego.ast.RegoVersion;
import dev.gkstudio.rego.ast.Rule;
import dev.gkstudio.rego.ast.RuleHead;
import dev.gkstudio.rego.ast.Scalar;
import dev.gkstudio.rego.ast.SetComprehension;
import dev.gkstudio.rego.ast.SetTerm;
import dev.gkstudio.rego.ast.SomeDecl;
import dev.gkstudio.rego.ast.SourceFile;
import dev.gkstudio.rego.ast.TemplateString;
import dev.gkstudio.rego.ast.Term;
import dev.gkstudio.rego.ast.Var;
import dev.gkstudio.rego.ast.With;
import dev.gkstudio.rego.parser.RegoParser;
import dev.gkstudio.rego.value.ArrayValue;
import dev.gkstudio.rego.value.BooleanValue;
import dev.gkstudio.rego.value.NumberValue;
import dev.gkstudio.rego.value.ObjectValue;
import dev.gkstudio.rego.value.StringValue;
import dev.gkstudio.rego.value.Value;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** rego.parse_module: a module parsed with our parser and rendered as OPA's AST JSON (package, imports, rules). */
final class RegoAstBuiltins {
    private RegoAstBuiltins() {}

    static void register(Map<String, BuiltinFunction> t) {
        t.put("rego.parse_module", (c, a) -> {
            String b = "rego.parse_module";
            String file = Args.str(b, a, 0);
            String text = Args.str(b, a, 1);
            dev.gkstudio.rego.parser.ParseResult r = RegoParser.parseModule(new SourceFile(file, text), RegoVersion.V1);
            if (r.module() == null || hasErrors(r.diagnostics())) {
                dev.gkstudio.rego.parser.ParseResult r0 = RegoParser.parseModule(new SourceFile(file, text), RegoVersion.V0);
                if (r0.module() != null && !hasErrors(r0.diagnostics())) {
                    r = r0;
                } else {
                    Diagnostic d = r.diagnostics().isEmpty() ? null : r.diagnostics().get(0);
                    throw Args.err(b, d == null ? "rego_parse_error: cannot parse module" : d.toString());
                }
            }
            return module(r.module());
        });
    }

    private static boolean hasErrors(List<Diagnostic> ds) {
        return ds != null && !ds.isEmpty();
    }

    static Value module(dev.gkstudio.rego.ast.Module m) {
        ObjectValue.Builder o = ObjectValue.builder();
        o.put("package", ObjectValue.builder().put("path", refTerms(m.pkg().path())).build());
        if (!m.imports().isEmpty()) {
            List<Value> imps = new ArrayList<>();
            for (Import i : m.imports()) {
                ObjectValue.Builder ib = ObjectValue.builder().put("path", term(i.path()));
                if (i.alias() != null && !i.alias().isEmpty()) ib.put("alias", StringValue.of(i.alias()));
                imps.add(ib.build());
            }
            o.put("imports", ArrayValue.of(imps));
        }
        if (!m.rules().isEmpty()) {
            List<Value> rules = new ArrayList<>();
            for (Rule r : m.rules()) rules.add(rule(r));
            o.put("rules", ArrayValue.of(rules));
        }
        return o.build();
    }

    private static Value rule(Rule r) {
        ObjectValue.Builder o = ObjectValue.builder();
        if (r.isDefault()) o.put("default", BooleanValue.TRUE);
        RuleHead h = r.head();
        ObjectValue.Builder hb = ObjectValue.builder();
        hb.put("name", StringValue.of(h.name() == null ? "" : h.name()));
        if (h.ref() != null) hb.put("ref", refTerms(h.ref()));
        if (h.args() != null && !h.args().isEmpty()) hb.put("args", terms(h.args()));
        if (h.key() != null) hb.put("key", term(h.key()));
        if (h.value() != null) hb.put("value", term(h.value()));
        if (h.assign()) hb.put("assign", BooleanValue.TRUE);
        o.put("head", hb.build());
        o.put("body", body(r.body()));
        if (r.elseRule() != null) o.put("else", rule(r.elseRule()));
        return o.build();
    }

    private static Value body(Body b) {
        List<Value> out = new ArrayList<>();
        if (b != null) for (Expr e : b.exprs()) out.add(expr(e));
        return ArrayValue.of(out);
    }

    private static Value expr(Expr e) {
        ObjectValue.Builder o = ObjectValue.builder();
        if (e.negated()) o.put("negated", BooleanValue.TRUE);
        o.put("index", NumberValue.of(e.index()));
        ExprTerms t = e.terms();
        if (t instanceof Call c) {
            List<Value> ts = new ArrayList<>();
            ts.add(term(c.operator()));
            for (Term a : c.args()) ts.add(term(a));
            o.put("terms", ArrayValue.of(ts));
        } else if (t instanceof Term term) {
            o.put("terms", term(term));
        } else if (t instanceof SomeDecl s) {
            o.put("terms", ObjectValue.builder().put("symbols", terms(s.symbols())).build());
        } else if (t instanceof Every ev) {
            ObjectValue.Builder eb = ObjectValue.builder();
            if (ev.key() != null) eb.put("key", term(ev.key()));
            eb.put("value", term(ev.value())).put("domain", term(ev.domain())).put("body", body(ev.body()));
            o.put("terms", eb.build());
        } else if (t instanceof LogicalExpr le) {
            List<Value> ops = new ArrayList<>();
            for (Body b : le.operands()) ops.add(body(b));
            o.put("terms", ObjectValue.builder().put("op", StringValue.of(le.op().name().toLowerCase()))
                    .put("operands", ArrayValue.of(ops)).build());
        } else if (t instanceof Body b) {
            o.put("terms", body(b));
        }
        if (e.withs() != null && !e.withs().isEmpty()) {
            List<Value> ws = new ArrayList<>();
            for (With w : e.withs()) ws.add(ObjectValue.builder().put("target", term(w.target())).put("value", term(w.value())).build());
            o.put("with", ArrayValue.of(ws));
        }
        return o.build();
    }

    private static Value terms(List<Term> ts) {
        List<Value> out = new ArrayList<>();
        for (Term t : ts) out.add(term(t));
        return ArrayValue.of(out);
    }

    private static Value refTerms(Ref r) {
        return terms(r.terms());
    }

    private static ObjectValue typed(String type, Value value) {
        ObjectValue.Builder o = ObjectValue.builder().put("type", StringValue.of(type));
        if (value != null) o.put("value", value);
        return o.build();
    }

    static Value term(Term t) {
        if (t instanceof Scalar s) {
            return switch (s.kind()) {
                case NULL -> typed("null", null);
                case BOOLEAN -> typed("boolean", BooleanValue.of((Boolean) s.value()));
                case NUMBER -> typed("number", NumberValue.parse(s.text() != null ? s.text() : ((BigDecimal) s.value()).toString()));
                case STRING -> typed("string", StringValue.of((String) s.value()));
            };
        }
        if (t instanceof Var v) return typed("var", StringValue.of(v.name()));
        if (t instanceof Ref r) return typed("ref", refTerms(r));
        if (t instanceof ArrayTerm a) return typed("array", terms(a.elements()));
        if (t instanceof SetTerm s) return typed("set", terms(s.elements()));
        if (t instanceof ObjectTerm o) {
            List<Value> pairs = new ArrayList<>();
            for (var e : o.entries()) pairs.add(ArrayValue.of(term(e.getKey()), term(e.getValue())));
            return typed("object", ArrayValue.of(pairs));
        }
        if (t instanceof Call c) {
            List<Value> ts = new ArrayList<>();
            ts.add(term(c.operator()));
            for (Term a : c.args()) ts.add(term(a));
            return typed("call", ArrayValue.of(ts));
        }
        if (t instanceof ArrayComprehension ac) {
            return typed("arraycomprehension", ObjectValue.builder().put("term", term(ac.term())).put("body", body(ac.body())).build());
        }
        if (t instanceof SetComprehension sc) {
            return typed("setcomprehension", ObjectValue.builder().put("term", term(sc.term())).put("body", body(sc.body())).build());
        }
        if (t instanceof ObjectComprehension oc) {
            return typed("objectcomprehension", ObjectValue.builder().put("key", term(oc.key())).put("value", term(oc.value()))
                    .put("body", body(oc.body())).build());
        }
        if (t instanceof TemplateString ts) {
            List<Value> parts = new ArrayList<>();
            for (TemplateString.Part p : ts.parts()) {
                parts.add(p.expr() != null ? term(p.expr()) : typed("string", StringValue.of(p.literal())));
            }
            return typed("templatestring", ArrayValue.of(parts));
        }
        return typed("var", StringValue.of(String.valueOf(t)));
    }
}
