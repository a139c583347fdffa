package dev.gkstudio.rego.eval;

import dev.gkstudio.rego.ast.Location;
import dev.gkstudio.rego.eval.Ir.*;
import static dev.gkstudio.rego.eval.Ir.*;
import dev.gkstudio.rego.trace.TraceEvent;
import dev.gkstudio.rego.trace.TraceOp;
import dev.gkstudio.rego.trace.Tracer;
import dev.gkstudio.rego.value.Value;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds trace events (only exists when a tracer is attached). */
final class Tracing {
    private final Evaluator ev;
    private final Tracer t;
    final boolean unify;
    private int nextId;
    private int qid;
    private int parent;
    private String[] names = new String[0];
    private boolean[] gen = new boolean[0];
    private final List<Object[]> stack = new ArrayList<>();

    Tracing(Evaluator ev, Tracer t) {
        this.ev = ev;
        this.t = t;
        this.unify = t.wantsUnify();
        t.attach(() -> ev.input);
    }

    void setNames(String[] n, boolean[] g) {
        names = n;
        gen = g;
    }

    private Map<String, Value> locals() {
        Value[] f = ev.f;
        if (f == null || names.length == 0) return Map.of();
        Map<String, Value> m = new LinkedHashMap<>();
        for (int i = 0; i < f.length && i < names.length; i++) {
            if (f[i] != null && !gen[i]) m.put(names[i], f[i]);
        }
        return Collections.unmodifiableMap(m);
    }

    private Location exprLoc = Location.NONE;

    void event(TraceOp op, Object node, String text, Location loc, String msg) {
        if (op == TraceOp.EVAL) exprLoc = loc;
        t.event(new TraceEvent(op, node, text, loc == null ? Location.NONE : loc, qid, parent, locals(), msg));
    }

    void enterQuery(Query q) {
        qid = nextId++;
        parent = 0;
        event(TraceOp.ENTER, q.ast, q.text, q.loc, "");
    }

    void exitQuery(Query q) {
        event(TraceOp.EXIT, q.ast, q.text, q.loc, "");
    }

    private int push() {
        stack.add(new Object[]{qid, parent, names, gen});
        return stack.size() - 1;
    }

    int pushChild(X x) {
        int s = push();
        parent = qid;
        qid = nextId++;
        return s;
    }

    int pushChildBody(Query q) {
        int s = push();
        parent = qid;
        qid = nextId++;
        event(TraceOp.ENTER, q.ast, q.text, q.loc, "");
        return s;
    }

    void popChild(int s) {
        leave(s);
    }

    int enterRule(CRule c) {
        int s = push();
        parent = qid;
        qid = nextId++;
        names = c.slotNames;
        gen = c.slotGenerated;
        event(TraceOp.ENTER, c.ast, c.path, c.ast.location(), "");
        return s;
    }

    void exitRule(CRule c, boolean early) {
        event(TraceOp.EXIT, c.ast, c.path, c.ast.location(), early ? "early" : "");
    }

    void redoRule(CRule c) {
        event(TraceOp.REDO, c.ast, c.path, c.ast.location(), "");
    }

    void duplicate(CRule c) {
        event(TraceOp.DUPLICATE, c.ast, c.path, c.ast.location(), "");
    }

    void leave(int s) {
        Object[] st = stack.get(s);
        while (stack.size() > s) stack.remove(stack.size() - 1);
        qid = (Integer) st[0];
        parent = (Integer) st[1];
        names = (String[]) st[2];
        gen = (boolean[]) st[3];
    }

    void index(RuleNode node, int n, boolean early) {
        String msg = "(matched " + n + " rule" + (n == 1 ? "" : "s") + (early ? ", early exit" : "") + ")";
        event(TraceOp.INDEX, node, node.path, exprLoc, msg);
    }

    void note(String msg, Location loc) {
        event(TraceOp.NOTE, null, "", loc, msg);
    }
}
