package dev.gkstudio.rego.eval;

import dev.gkstudio.rego.result.EvalError;
import dev.gkstudio.rego.ast.Location;
import dev.gkstudio.rego.eval.Ir.*;
import static dev.gkstudio.rego.eval.Ir.*;
import dev.gkstudio.rego.value.*;

import java.util.*;

/** Evaluation of rules (complete, partial, ref heads) and user functions. */
final class Rules {
    private Rules() {}

    static Value evalRules(Evaluator ev, RuleNode node) {
        if (!node.complete) return evalPartial(ev, node);
        if (ev.tr != null) ev.tr.index(node, node.rules.size(), node.allConstSame);
        return evalComplete(ev, node);
    }

    // ------------------------------------------------------------------ complete rules

    private static Value evalComplete(Evaluator ev, RuleNode node) {
        Value result = null;
        for (CRule r : node.rules) {
            for (CRule c = r; c != null; c = c.elseRule) {
                Value got = completeValue(ev, c, result, node.allConstSame);
                if (got != null) {
                    result = got;
                    break;
                }
            }
            if (result != null && node.allConstSame) break;
        }
        if (result == null && node.defaultRule != null) {
            result = completeValue(ev, node.defaultRule, null, true);
        }
        return result;
    }

    private static Value completeValue(Evaluator ev, CRule c, Value prev, boolean early) {
        Value[] out = {null};
        Value[] saved = ev.swapFrame(new Value[c.nslots]);
        ev.enterCall(c.loc);
        int tq = ev.tr != null ? ev.tr.enterRule(c) : 0;
        try {
            ev.evalBody(c.body, () -> ev.eval(c.value, v -> {
                if ((out[0] != null && !out[0].equals(v)) || (prev != null && !prev.equals(v))) {
                    throw new EvalException(EvalError.CONFLICT, "complete rules must not produce multiple outputs",
                            c.loc);
                }
                out[0] = v;
                if (ev.covered != null) ev.covered.add(c.ast.head().location());
                boolean stop = c.constValue;
                if (ev.tr != null) {
                    ev.tr.exitRule(c, stop && early);
                    if (!(stop && early)) ev.tr.redoRule(c);
                }
                return !stop;
            }));
        } finally {
            if (ev.tr != null) ev.tr.leave(tq);
            ev.exitCall();
            ev.swapFrame(saved);
        }
        return out[0];
    }

    // ------------------------------------------------------------------ partial sets / objects / ref heads

    /** Mutable tree used while building a partial document. */
    private static final class Node {
        final Map<Value, Object> m = new LinkedHashMap<>(); // Value leaf, Node, or SetNode
    }

    private static final class SetNode {
        final Set<Value> s = new LinkedHashSet<>();
    }

    private static Value evalPartial(Evaluator ev, RuleNode node) {
        return freeze(evalPartialTree(ev, node));
    }

    /** Merges the document of a child node into a partial document tree; a differing leaf is a conflict. */
    static void mergeInto(Object tree, Value key, Value incoming, RuleNode node) {
        if (!(tree instanceof Node n)) throw conflictAt(node);
        Object cur = n.m.get(key);
        if (cur == null) {
            n.m.put(key, incoming);
        } else if (cur instanceof Node cn && incoming instanceof ObjectValue o) {
            for (var e : o.asMap().entrySet()) mergeInto(cn, e.getKey(), e.getValue(), node);
        } else if (cur instanceof SetNode sn && incoming instanceof SetValue sv) {
            sn.s.addAll(sv.sorted());
        } else if (!(cur instanceof Value cv && cv.equals(incoming))) {
            throw conflictAt(node);
        }
    }

    private static EvalException conflictAt(RuleNode node) {
        Location loc = node.rules.isEmpty() ? Location.NONE : node.rules.get(0).loc;
        return new EvalException(EvalError.CONFLICT, "object keys must be unique", loc);
    }

    /** Base documents win over virtual ones where both define a leaf. */
    static Value mergeBase(ObjectValue virt, ObjectValue base) {
        Map<Value, Value> m = new LinkedHashMap<>(virt.asMap());
        for (var e : base.asMap().entrySet()) {
            Value cur = m.get(e.getKey());
            if (cur instanceof ObjectValue co && e.getValue() instanceof ObjectValue bo) m.put(e.getKey(), mergeBase(co, bo));
            else m.put(e.getKey(), e.getValue());
        }
        return ObjectValue.wrap(m);
    }

    static Object evalPartialTree(Evaluator ev, RuleNode node) {
        if (ev.tr != null) ev.tr.index(node, node.rules.size(), false);
        boolean isSet = false;
        for (CRule r : node.rules) if (r.set && r.suffix.length == 0) isSet = true;
        SetNode topSet = isSet ? new SetNode() : null;
        Node top = isSet ? null : new Node();
        for (CRule c : node.rules) {
            Value[] saved = ev.swapFrame(new Value[c.nslots]);
            ev.enterCall(c.loc);
            int tq = ev.tr != null ? ev.tr.enterRule(c) : 0;
            try {
                ev.evalBody(c.body, () -> {
                    if (ev.covered != null) ev.covered.add(c.ast.head().location());
                    boolean r;
                    if (c.set && c.suffix.length == 0) {
                        r = ev.eval(c.key, v -> {
                            if (!topSet.s.add(v) && ev.tr != null) ev.tr.duplicate(c);
                            return true;
                        });
                    } else {
                        Value[] keys = new Value[c.suffix.length];
                        r = path(ev, c, 0, keys, () -> {
                            if (c.set) {
                                return ev.eval(c.key, v -> {
                                    insertSet(top, keys, v, c);
                                    return true;
                                });
                            }
                            return ev.eval(c.value, v -> {
                                insert(top, keys, 0, v, c);
                                return true;
                            });
                        });
                    }
                    if (ev.tr != null) {
                        ev.tr.exitRule(c, false);
                        ev.tr.redoRule(c);
                    }
                    return r;
                });
            } finally {
                if (ev.tr != null) ev.tr.leave(tq);
                ev.exitCall();
                ev.swapFrame(saved);
            }
        }
        return isSet ? topSet : top;
    }

    private static boolean path(Evaluator ev, CRule c, int i, Value[] keys, Evaluator.K k) {
        if (i == keys.length) return k.run();
        return ev.eval(c.suffix[i], v -> {
            keys[i] = v;
            return path(ev, c, i + 1, keys, k);
        });
    }

    private static EvalException keyConflict(CRule c) {
        return new EvalException(EvalError.CONFLICT, "object keys must be unique", c.loc);
    }

    private static void insert(Node n, Value[] keys, int i, Value v, CRule c) {
        Value key = keys[i];
        Object cur = n.m.get(key);
        if (i == keys.length - 1) {
            if (cur == null) {
                n.m.put(key, v);
            } else if (cur instanceof Value cv) {
                if (!cv.equals(v)) throw keyConflict(c);
            } else {
                throw keyConflict(c);
            }
            return;
        }
        Node child;
        if (cur == null) {
            child = new Node();
            n.m.put(key, child);
        } else if (cur instanceof Node cn) {
            child = cn;
        } else {
            throw keyConflict(c);
        }
        insert(child, keys, i + 1, v, c);
    }

    private static void insertSet(Node n, Value[] keys, Value v, CRule c) {
        Node cur = n;
        for (int i = 0; i < keys.length; i++) {
            Object o = cur.m.get(keys[i]);
            if (i == keys.length - 1) {
                SetNode s;
                if (o == null) {
                    s = new SetNode();
                    cur.m.put(keys[i], s);
                } else if (o instanceof SetNode sn) {
                    s = sn;
                } else {
                    throw keyConflict(c);
                }
                s.s.add(v);
                return;
            }
            if (o == null) {
                Node nn = new Node();
                cur.m.put(keys[i], nn);
                cur = nn;
            } else if (o instanceof Node nn) {
                cur = nn;
            } else {
                throw keyConflict(c);
            }
        }
    }

    static Value freeze(Object o) {
        if (o instanceof Value v) return v;
        if (o instanceof SetNode s) return SetValue.wrap(s.s);
        Node n = (Node) o;
        Map<Value, Value> m = new LinkedHashMap<>();
        for (var e : n.m.entrySet()) m.put(e.getKey(), freeze(e.getValue()));
        return ObjectValue.wrap(m);
    }

    /** Deep merge of a rule-built object with the documents of child nodes; conflicting leaves are an error. */
    static Value merge(ObjectValue a, ObjectValue b, RuleNode node) {
        if (b.size() == 0) return a;
        Map<Value, Value> m = new LinkedHashMap<>(a.asMap());
        for (var e : b.asMap().entrySet()) {
            Value cur = m.get(e.getKey());
            if (cur == null) {
                m.put(e.getKey(), e.getValue());
            } else if (cur instanceof ObjectValue co && e.getValue() instanceof ObjectValue eo) {
                m.put(e.getKey(), merge(co, eo, node));
            } else if (!cur.equals(e.getValue())) {
                Location loc = node.rules.isEmpty() ? Location.NONE : node.rules.get(0).loc;
                throw new EvalException(EvalError.CONFLICT, "object keys must be unique", loc);
            }
        }
        return ObjectValue.wrap(m);
    }

    // ------------------------------------------------------------------ functions

    static Value callFunction(Evaluator ev, RuleNode node, Value[] args, Location callLoc) {
        if (ev.tr != null) ev.tr.index(node, node.funcs.size(), false);
        Value result = null;
        for (CRule r : node.funcs) {
            for (CRule c = r; c != null; c = c.elseRule) {
                Value got = funcValue(ev, c, args, result);
                if (got != null) {
                    result = got;
                    break;
                }
            }
        }
        if (result == null && node.defaultFunc != null) {
            result = funcValue(ev, node.defaultFunc, args, null);
        }
        return result;
    }

    private static Value funcValue(Evaluator ev, CRule c, Value[] args, Value prev) {
        if (c.args == null || c.args.length != args.length) return null;
        Value[] out = {null};
        Value[] saved = ev.swapFrame(new Value[c.nslots]);
        ev.enterCall(c.loc);
        int tq = ev.tr != null ? ev.tr.enterRule(c) : 0;
        try {
            unifyArgs(ev, c, args, 0, () -> ev.evalBody(c.body, () -> ev.eval(c.value, v -> {
                if ((out[0] != null && !out[0].equals(v)) || (prev != null && !prev.equals(v))) {
                    throw new EvalException(EvalError.CONFLICT,
                            "functions must not produce multiple outputs for same inputs", c.loc);
                }
                out[0] = v;
                if (ev.covered != null) ev.covered.add(c.ast.head().location());
                if (ev.tr != null) {
                    ev.tr.exitRule(c, false);
                    ev.tr.redoRule(c);
                }
                return !c.constValue;
            })));
        } finally {
            if (ev.tr != null) ev.tr.leave(tq);
            ev.exitCall();
            ev.swapFrame(saved);
        }
        return out[0];
    }

    private static boolean unifyArgs(Evaluator ev, CRule c, Value[] args, int i, Evaluator.K k) {
        if (i == args.length) return k.run();
        return ev.unifyValue(c.args[i], args[i], () -> unifyArgs(ev, c, args, i + 1, k));
    }
}
