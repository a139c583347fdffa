package dev.gkstudio.rego.compiler;

import dev.gkstudio.rego.ast.ArrayTerm;
import dev.gkstudio.rego.ast.ObjectTerm;
import dev.gkstudio.rego.ast.SetTerm;
import dev.gkstudio.rego.ast.Term;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Rewriting helpers for terms that keep unchanged subtrees as they are (same instances). */
public final class Terms {
    private Terms() {}

    /** {@code f} applied to each term in order; null when it changed none of them. */
    public static List<Term> mapAll(List<Term> in, UnaryOperator<Term> f) {
        List<Term> out = new ArrayList<>(in.size());
        boolean changed = false;
        for (Term x : in) {
            Term nx = f.apply(x);
            changed |= nx != x;
            out.add(nx);
        }
        return changed ? out : null;
    }

    /**
     * An array, set or object term with {@code f} applied to its elements in order (an object's key, then its
     * value): the same term when {@code f} changed nothing, null when {@code t} is not such a collection.
     */
    public static Term mapCollection(Term t, UnaryOperator<Term> f) {
        if (t instanceof ArrayTerm a) {
            List<Term> ts = mapAll(a.elements(), f);
            return ts == null ? a : new ArrayTerm(ts, a.location());
        }
        if (t instanceof SetTerm s) {
            List<Term> ts = mapAll(s.elements(), f);
            return ts == null ? s : new SetTerm(ts, s.location());
        }
        if (t instanceof ObjectTerm o) {
            List<Map.Entry<Term, Term>> l = new ArrayList<>(o.entries().size());
            boolean changed = false;
            for (var en : o.entries()) {
                Term k = f.apply(en.getKey());
                Term v = f.apply(en.getValue());
                changed |= k != en.getKey() || v != en.getValue();
                l.add(Map.entry(k, v));
            }
            return changed ? new ObjectTerm(l, o.location()) : o;
        }
        return null;
    }
}
