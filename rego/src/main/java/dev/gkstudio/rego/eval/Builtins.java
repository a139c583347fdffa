package dev.gkstudio.rego.eval;

import dev.gkstudio.rego.result.PrintLine;
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
                throw new EvalException(dev.gkstudio.rego.result.EvalError.LIMIT, "output size limit exceeded (maxOutputBytes "
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
        return ev.eval(c.args[0], root -> walkValue(root, new ArrayList<>(),
                p -> out == null ? k.run() : ev.unifyValue(out, p, k)));
    }

    /**
     * Offers each [path, value] pair of v in pre-order, as it is reached: a shared structure may have far more
     * pairs than fit in memory, and the consumer's evaluation steps are what lets a deadline stop the walk.
     * Returns false as soon as the consumer does.
     */
    static boolean walkValue(Value v, List<Value> path, java.util.function.Predicate<Value> out) {
        Meter.tick();
        if (!out.test(ArrayValue.of(ArrayValue.of(path), v))) return false;
        if (v instanceof ArrayValue a) {
            for (int i = 0; i < a.size(); i++) {
                path.add(NumberValue.of(i));
                boolean more = walkValue(a.get(i), path, out);
                path.remove(path.size() - 1);
                if (!more) return false;
            }
        } else if (v instanceof ObjectValue o) {
            for (Value key : o.keys()) {
                path.add(key);
                boolean more = walkValue(o.get(key), path, out);
                path.remove(path.size() - 1);
                if (!more) return false;
            }
        } else if (v instanceof SetValue s) {
            for (Value e : s.sorted()) {
                path.add(e);
                boolean more = walkValue(e, path, out);
                path.remove(path.size() - 1);
                if (!more) return false;
            }
        }
        return true;
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
