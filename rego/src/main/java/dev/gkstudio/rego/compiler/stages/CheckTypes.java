package dev.gkstudio.rego.compiler.stages;

import dev.gkstudio.rego.ast.*;
import dev.gkstudio.rego.builtins.BuiltinCatalog;
import dev.gkstudio.rego.compiler.Builtins;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * OPA's {@code CheckTypes} stage (v1/ast/check.go), as far as it can be decided without a type environment: literal
 * arguments of builtin calls against the declared argument types ({@code invalid argument(s)}) and unifications of
 * literals that can never match ({@code match error}). Vars, refs and calls are typed {@code ???} / {@code any}, as
 * OPA's compiler-level environment shows them. The driver ({@code RegoCompiler.checkCalls}) walks the calls and
 * records the errors under this stage; the {@code have}/{@code want} details are shared with CheckUndefinedFuncs'
 * arity errors.
 */
public final class CheckTypes {
    private final Builtins builtins;

    public CheckTypes(Builtins builtins) {
        this.builtins = builtins;
    }

    /**
     * OPA's type checker on a unification of literals whose shapes cannot match (arrays of different lengths, an
     * array against an object, a number against a string): {@code match error} with both sides' types, or null.
     * Terms whose type needs the type environment (vars, refs, calls) are left alone.
     */
    public static Diagnostic match(Call c, Location at) {
        Term a = c.args().get(0), b = c.args().get(1);
        if (unifiable(a, b)) return null;
        return new Diagnostic(ErrorCodes.TYPE_ERROR, "match error\n\tleft  : " + typeName(a)
                + "\n\tright : " + typeName(b), at);
    }

    private static boolean unifiable(Term a, Term b) {
        String sa = shape(a), sb = shape(b);
        if (sa == null || sb == null) return true;
        if (!sa.equals(sb)) return false;
        if (a instanceof ArrayTerm x && b instanceof ArrayTerm y) {
            if (x.elements().size() != y.elements().size()) return false;
            for (int i = 0; i < x.elements().size(); i++) {
                if (!unifiable(x.elements().get(i), y.elements().get(i))) return false;
            }
        }
        return true;
    }

    /** The kind of value a literal term has, or null when only evaluation can tell. */
    private static String shape(Term t) {
        if (t instanceof Scalar s) return s.kind().name();
        if (t instanceof TemplateString) return "STRING";
        if (t instanceof ArrayTerm || t instanceof ArrayComprehension) return "array";
        if (t instanceof ObjectTerm || t instanceof ObjectComprehension) return "object";
        if (t instanceof SetTerm || t instanceof SetComprehension) return "set";
        return null;
    }

    /** OPA's ArgErrDetail lines ({@code \n\thave: (...)\n\twant: (...)}). */
    private static String details(String have, String want) {
        return "\n\thave: " + have + "\n\twant: " + want;
    }

    /**
     * The {@code have} types as OPA's compiler-level type environment sees them: constants typed, {@code input}/
     * {@code data} refs {@code any}, local vars (and nested calls, which OPA rewrites into generated vars)
     * unknown ({@code ???}); a nested call also gets OPA's generated output var.
     */
    private static String haveTypes(List<Term> args, boolean exprLevel) {
        List<String> out = new ArrayList<>();
        for (Term a : args) out.add(typeName(a));
        if (!exprLevel) out.add("???");
        return "(" + String.join(", ", out) + ")";
    }

    public static String typeName(Term t) {
        if (t instanceof Scalar s) {
            return s.typeName();
        }
        if (t instanceof TemplateString) return "string";
        if (t instanceof Ref r) {
            if (r.get(0) instanceof Var v && (v.name().equals("input") || v.name().equals("data"))) return "any";
            return "???";
        }
        if (t instanceof ArrayTerm a) {
            if (a.elements().isEmpty()) return "array";
            List<String> ts = new ArrayList<>();
            for (Term x : a.elements()) ts.add(typeName(x));
            return "array<" + String.join(", ", ts) + ">";
        }
        if (t instanceof SetTerm st) {
            TreeSet<String> ts = new TreeSet<>(Comparator.comparingInt(CheckTypes::typeRank).thenComparing(x -> x));
            for (Term x : st.elements()) ts.add(typeName(x));
            if (ts.isEmpty()) return "set[any]";
            return "set[" + (ts.size() == 1 ? ts.first() : "any<" + String.join(", ", ts) + ">") + "]";
        }
        if (t instanceof ObjectTerm o) {
            if (o.entries().isEmpty()) return "object";
            TreeMap<String, String> props = new TreeMap<>();
            for (var e : o.entries()) {
                String k = e.getKey() instanceof Scalar ks ? (ks.isString() ? ks.stringValue() : ks.toString()) : e.getKey().toString();
                props.put(k, typeName(e.getValue()));
            }
            List<String> ps = new ArrayList<>();
            for (var e : props.entrySet()) ps.add(e.getKey() + ": " + e.getValue());
            return "object<" + String.join(", ", ps) + ">";
        }
        if (t instanceof ArrayComprehension) return "array[any]";
        if (t instanceof SetComprehension) return "set[any]";
        if (t instanceof ObjectComprehension) return "object[any: any]";
        return "???";
    }

    private static int typeRank(String t) {
        if (t.startsWith("null")) return 1;
        if (t.startsWith("boolean")) return 2;
        if (t.startsWith("number")) return 3;
        if (t.startsWith("string")) return 4;
        if (t.startsWith("array")) return 5;
        if (t.startsWith("object")) return 6;
        if (t.startsWith("set")) return 7;
        if (t.startsWith("any")) return 8;
        return 0;
    }

    /** OPA's named FuncArgs of a builtin ({@code (name: type, ...)}), with the result when {@code withResult}. */
    private String wantArgs(String name, boolean withResult) {
        BuiltinCatalog.Entry e = BuiltinCatalog.get(name);
        List<String> out = new ArrayList<>();
        if (e != null) {
            for (BuiltinCatalog.Arg a : e.args()) out.add(a.name().isEmpty() ? a.type() : a.name() + ": " + a.type());
            if (withResult && !e.resultType().isEmpty()) out.add(e.resultType());
        } else {
            Builtins.Builtin b = builtins.get(name);
            if (b != null) for (String t : b.argTypes()) out.add(t);
        }
        return "(" + String.join(", ", out) + ")";
    }

    /**
     * The {@code have}/{@code want} lines of an argument error of builtin {@code name} called with {@code args}
     * ({@code exprLevel}: a call expression, whose last argument may be the output).
     */
    public String details(List<Term> args, boolean exprLevel, String name, boolean withResult) {
        return details(haveTypes(args, exprLevel), wantArgs(name, withResult));
    }

    /** Literal (ground scalar/composite) arguments against the builtin's declared argument types: the error or null. */
    public Diagnostic argTypes(Call c, Builtins.Builtin b, Location loc, boolean exprLevel) {
        List<String> types = b.argTypes();
        for (int i = 0; i < Math.min(types.size(), c.args().size()); i++) {
            String lit = literalType(c.args().get(i));
            if (lit == null) continue;
            if (!typeAccepts(types.get(i), lit)) {
                return new Diagnostic(ErrorCodes.TYPE_ERROR, b.name() + ": invalid argument(s)"
                        + details(haveTypes(c.args(), exprLevel || c.args().size() > b.arity()), wantArgs(b.name(), true)), loc);
            }
        }
        return null;
    }

    private static String literalType(Term t) {
        if (t instanceof Scalar s) {
            return s.typeName();
        }
        if (t instanceof ArrayTerm || t instanceof ArrayComprehension) return "array";
        if (t instanceof ObjectTerm || t instanceof ObjectComprehension) return "object";
        if (t instanceof SetTerm || t instanceof SetComprehension) return "set";
        if (t instanceof TemplateString) return "string";
        return null;
    }

    private static boolean typeAccepts(String decl, String lit) {
        if (decl.equals("any")) return true;
        if (decl.startsWith("any<")) {
            for (String alt : decl.substring(4, decl.length() - 1).split("\\|")) {
                if (typeAccepts(alt, lit)) return true;
            }
            // nested generics split badly; be lenient when unsure
            return decl.contains("any[") || decl.contains("<any");
        }
        String base = decl.contains("[") ? decl.substring(0, decl.indexOf('[')) : decl;
        return base.equals(lit);
    }
}
