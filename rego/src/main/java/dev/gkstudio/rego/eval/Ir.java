package dev.gkstudio.rego.eval;

import dev.gkstudio.rego.ast.Body;
import dev.gkstudio.rego.ast.Expr;
import dev.gkstudio.rego.ast.Location;
import dev.gkstudio.rego.ast.Rule;
import dev.gkstudio.rego.builtins.BuiltinFunction;
import dev.gkstudio.rego.value.Value;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The evaluator's internal form of compiled rules and queries: terms with variables resolved to frame slots. */
final class Ir {
    private Ir() {}

    /** A term. */
    abstract static class T {
        final Location loc;
        T(Location loc) { this.loc = loc; }
    }

    static final class Const extends T {
        final Value v;
        Const(Value v, Location loc) { super(loc); this.v = v; }
        @Override public String toString() { return v.toString(); }
    }

    /** A local variable: a slot of the current frame. */
    static final class LVar extends T {
        final int slot;
        final String name;
        final boolean wildcard;
        LVar(int slot, String name, boolean wildcard, Location loc) {
            super(loc); this.slot = slot; this.name = name; this.wildcard = wildcard;
        }
        @Override public String toString() { return name; }
    }

    static final int HEAD_LOCAL = 0, HEAD_DATA = 1, HEAD_INPUT = 2, HEAD_TERM = 3;

    /** A reference; for {@code data}/{@code input} refs {@code head} is null and {@code ops} follow the root. */
    static final class RefT extends T {
        final int headKind;
        final T head;
        final T[] ops;
        /** For data refs: the rule-tree node of the longest ground prefix (planning hint), may be null. */
        RefT(int headKind, T head, T[] ops, Location loc) {
            super(loc); this.headKind = headKind; this.head = head; this.ops = ops;
        }
    }

    static final class Arr extends T {
        final T[] elems;
        Arr(T[] elems, Location loc) { super(loc); this.elems = elems; }
    }

    static final class Obj extends T {
        final T[] keys;
        final T[] vals;
        Obj(T[] keys, T[] vals, Location loc) { super(loc); this.keys = keys; this.vals = vals; }
    }

    static final class SetT extends T {
        final T[] elems;
        SetT(T[] elems, Location loc) { super(loc); this.elems = elems; }
    }

    static final int COMP_ARRAY = 0, COMP_SET = 1, COMP_OBJECT = 2;

    static final class Compr extends T {
        final int kind;
        final T key;   // object key, else null
        final T value; // element / object value
        final Query body;
        int[] closure = new int[0];
        Compr(int kind, T key, T value, Query body, Location loc) {
            super(loc); this.kind = kind; this.key = key; this.value = value; this.body = body;
        }
    }

    /** A nested call whose result is the term's value. */
    static final class CallT extends T {
        final Fn fn;
        final T[] args;
        CallT(Fn fn, T[] args, Location loc) { super(loc); this.fn = fn; this.args = args; }
    }

    static final class Tmpl extends T {
        final String[] lits; // lits[i] != null: literal part
        final T[] parts;
        X[] withX;          // parts evaluated under with modifiers (else null)
        Tmpl(String[] lits, T[] parts, Location loc) { super(loc); this.lits = lits; this.parts = parts; }
    }

    static final int FN_BUILTIN = 0, FN_USER = 1, FN_EQ = 2, FN_MEMBER2 = 4, FN_MEMBER3 = 5,
            FN_WALK = 6, FN_PRINT = 7, FN_TRACE = 8, FN_UNKNOWN = 9, FN_META_CHAIN = 10, FN_META_RULE = 11,
            FN_DYNAMIC = 12;

    /** A callee. */
    static final class Fn {
        final int kind;
        final String name;          // builtin name or data path ("data.a.f")
        BuiltinFunction impl;       // builtins
        int arity;                  // declared number of args (-1 variadic)
        RuleNode node;              // user functions
        RefT dynamic;               // FN_DYNAMIC: ref computing the function path
        Value constVal;             // FN_META_*: the value computed at plan time
        Fn(int kind, String name) { this.kind = kind; this.name = name; }
        @Override public String toString() { return name; }
    }

    static final int X_TERM = 0, X_UNIFY = 1, X_CALL = 2, X_EVERY = 4, X_LOGIC = 5, X_NOTBODY = 6;

    /** An expression of a body. */
    static final class X {
        int kind;
        boolean negated;
        W[] withs = NO_WITHS;
        T a, b;            // term (X_TERM: a), unify (a = b)
        CallT call;        // X_CALL
        T out;             // X_CALL output (may be null)
        T everyKey, everyVal, domain; // X_EVERY (key may be null)
        Query body;        // X_EVERY body, X_NOTBODY body
        boolean and;       // X_LOGIC
        Query[] operands;  // X_LOGIC
        Expr ast;
        Location loc;
        String text;       // trace text (author names)
        /**
         * Set on a compiler-generated {@code __localN__ = <ref>} (RewriteDynamicTerms, RewriteExprTerms) whose ref
         * starts at input or a local and has only constant operands: it has at most one value, so without a tracer
         * the evaluator binds it in a loop instead of a unification with continuations (same result, same steps).
         */
        RefT bindRef;
    }

    static final W[] NO_WITHS = new W[0];

    static final int W_INPUT = 0, W_DATA = 1, W_FUNC = 2;

    static final class W {
        int kind;
        Value[] path;      // W_INPUT/W_DATA path below the root
        String fnName;     // W_FUNC: builtin name or data path of the replaced function
        T value;           // replacement value (when fnValue == null)
        Fn fnValue;        // replacement function
        Location loc;
    }

    /** A body (query, rule body, comprehension body, ...). */
    static final class Query {
        X[] exprs;
        Body ast;
        Location loc;
        String text;       // trace text (author names)
        /** Slots declared in this body's scope (and nested scopes). */
        int[] locals = new int[0];
    }

    /** One rule definition (an element of an else chain). */
    static final class CRule {
        Rule ast;
        String path;          // data.a.p
        int nslots;
        String[] slotNames;
        boolean[] slotGenerated;
        T[] args;             // functions
        T[] suffix;           // dynamic ref suffix below the rule's node (ref heads, partial objects)
        T key;                // partial set element
        T value;              // value (null for partial sets)
        boolean set;          // partial set (element added at the end of the ref)
        boolean isDefault;
        Query body;
        CRule elseRule;
        Location loc;
        boolean constValue;   // value is a constant
        int index;            // position in the node
    }

    /** A node of the rule tree (one per ground path element). */
    static final class RuleNode {
        final Value key;
        final String path;
        final Map<Value, RuleNode> children = new LinkedHashMap<>();
        final List<CRule> rules = new ArrayList<>();   // non-function rules whose ground prefix ends here
        final List<CRule> funcs = new ArrayList<>();   // function definitions
        CRule defaultRule;
        CRule defaultFunc;
        boolean allConstSame;     // complete rules whose values are all the same constant: stop at the first
        boolean complete;         // rules here are complete rules without suffix
        boolean hasValues;        // defined as a document (not a function leaf)
        boolean isPackage;
        boolean zeroArity;        // a function without arguments: also a document
        RuleNode(Value key, String path) { this.key = key; this.path = path; }
        boolean isFunction() { return !funcs.isEmpty() || defaultFunc != null; }
        @Override public String toString() { return path; }
    }
}
