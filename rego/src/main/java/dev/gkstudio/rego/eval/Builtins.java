package dev.gkstudio.rego.eval;

import dev.gkstudio.rego.PrintLine;
import dev.gkstudio.rego.eval.Ir.*;
import static dev.gkstudio.rego.eval.Ir.*;
import dev.gkstudio.rego.value.*;

import java.util.*;

/** Builtins that need evaluator state: print, walk, membership. */
final class Builtins {
    private Builtins() {}

    static void print(Evaluator ev, CallT c) {
        List<List<String>> args = new ArrayList<>();
        for (T a : c.args) {
            TreeSet<Value> vals = new TreeSet<>();
            ev.eval(a, v -> { vals.add(v); return true; });
            List<String> strs = new ArrayList<>();
            if (vals.isEmpty()) strs.add("<undefined>");
            for (Value v : vals) strs.add(Evaluator.render(v));
            args.add(strs);
        }
        cross(ev, c, args, 0, new String[args.size()]);
    }

    private static void cross(Evaluator ev, CallT c, List<List<String>> args, int i, String[] buf) {
        if (i == args.size()) {
            String line = String.join(" ", buf);
            ev.printBytes += line.length() + 1;
            if (ev.opts.maxOutputBytes() > 0 && ev.printBytes > ev.opts.maxOutputBytes()) {
                throw new EvalException(dev.gkstudio.rego.EvalError.LIMIT, "output size limit exceeded (maxOutputBytes "
                        + ev.opts.maxOutputBytes() + ")", c.loc);
            }
            ev.prints.add(new PrintLine(line, c.loc));
            return;
        }
        for (String s : args.get(i)) {
            buf[i] = s;
            cross(ev, c, args, i + 1, buf);
        }
    }

    static boolean walk(Evaluator ev, CallT c, T out, Evaluator.K k) {
        return ev.eval(c.args[0], root -> {
            List<Value> pairs = new ArrayList<>();
            walkValue(root, new ArrayList<>(), pairs);
            for (Value p : pairs) {
                boolean r = out == null ? k.run() : ev.unifyValue(out, p, k);
                if (!r) return false;
            }
            return true;
        });
    }

    static void walkValue(Value v, List<Value> path, List<Value> out) {
        out.add(ArrayValue.of(ArrayValue.of(path), v));
        if (v instanceof ArrayValue a) {
            for (int i = 0; i < a.size(); i++) {
                path.add(NumberValue.of(i));
                walkValue(a.get(i), path, out);
                path.remove(path.size() - 1);
            }
        } else if (v instanceof ObjectValue o) {
            for (Value key : o.keys()) {
                path.add(key);
                walkValue(o.get(key), path, out);
                path.remove(path.size() - 1);
            }
        } else if (v instanceof SetValue s) {
            for (Value e : s.sorted()) {
                path.add(e);
                walkValue(e, path, out);
                path.remove(path.size() - 1);
            }
        }
    }

    static boolean memberOf(Value x, Value coll) {
        if (coll instanceof SetValue s) return s.contains(x);
        if (coll instanceof ArrayValue a) return a.list().contains(x);
        if (coll instanceof ObjectValue o) return o.asMap().containsValue(x);
        return false;
    }

    static boolean memberOf3(Value key, Value val, Value coll) {
        Value v = Evaluator.lookup(coll, key);
        if (coll instanceof SetValue) return false;
        return v != null && v.equals(val);
    }
}
