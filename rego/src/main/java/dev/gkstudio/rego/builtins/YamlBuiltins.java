package dev.gkstudio.rego.builtins;

import dev.gkstudio.rego.value.ArrayValue;
import dev.gkstudio.rego.value.BooleanValue;
import dev.gkstudio.rego.value.Json;
import dev.gkstudio.rego.value.NullValue;
import dev.gkstudio.rego.value.NumberValue;
import dev.gkstudio.rego.value.ObjectValue;
import dev.gkstudio.rego.value.SetValue;
import dev.gkstudio.rego.value.StringValue;
import dev.gkstudio.rego.value.Value;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/** yaml.marshal / unmarshal / is_valid (YAML documents converted to and from JSON-shaped values). */
final class YamlBuiltins {
    private YamlBuiltins() {}

    static void register(Map<String, BuiltinFunction> t) {
        t.put("yaml.unmarshal", (c, a) -> {
            String s = Args.str("yaml.unmarshal", a, 0);
            Limits.chargeBytes(c, "yaml.unmarshal", 2L * s.length());
            try {
                return load(s, new Expansion(c, "yaml.unmarshal"));
            } catch (YamlEngineException e) {
                throw Args.err("yaml.unmarshal", message(e));
            }
        });
        t.put("yaml.is_valid", (c, a) -> {
            if (!(a[0] instanceof StringValue s)) return BooleanValue.FALSE;
            try {
                load(s.value(), new Expansion(c, "yaml.is_valid"));
                return BooleanValue.TRUE;
            } catch (YamlEngineException e) {
                return BooleanValue.FALSE;
            } catch (BuiltinException e) {
                // a limit is not an answer about the text's validity: the evaluation reports it
                if (Limits.LIMIT_ERROR.equals(e.code())) throw e;
                return BooleanValue.FALSE;
            }
        });
        t.put("yaml.marshal", (c, a) -> {
            DumpSettings settings = DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).setIndent(2)
                    .setWidth(Integer.MAX_VALUE).build();
            Limits.ensureRenderable(c, "yaml.marshal", a[0]);
            Object o = toJava(a[0]);
            return StringValue.of(new Dump(settings).dumpToString(o));
        });
    }

    private static String message(YamlEngineException e) {
        if (e instanceof MarkedYamlEngineException m && m.getProblemMark().isPresent()) {
            String problem = m.getProblem();
            int got = problem == null ? -1 : problem.indexOf(", but got");
            // libyaml words a missing token as "did not find expected ..."
            if (problem != null && problem.startsWith("expected ") && got > 0) problem = "did not find " + problem.substring(0, got);
            return "yaml: line " + (m.getProblemMark().get().getLine() + 1) + ": " + problem;
        }
        return "yaml: " + e.getMessage();
    }

    private static Value load(String s, Expansion budget) {
        LoadSettings settings = LoadSettings.builder().setAllowDuplicateKeys(true).setMaxAliasesForCollections(100).build();
        Object o = new Load(settings).loadFromString(s);
        Value v = fromJava(o, budget);
        budget.flush();
        return v;
    }

    /**
     * Counts what a conversion builds. snakeyaml shares an aliased node between its uses, but every use becomes a
     * value of its own here: 8 levels of 10 aliases (under snakeyaml's alias cap) are 10^8 values from 200
     * characters. Each value is charged to the evaluation's memory budget as it is built, and cancellation (the
     * browser went away, the time limit) is checked every {@link #CHECK_EVERY} values.
     */
    private static final class Expansion {
        private static final int CHECK_EVERY = 1024;
        /** Charged per value built: about what a small Value and its slot in a collection take. */
        private static final long BYTES_PER_VALUE = 32;

        private final BuiltinContext context;
        private final String builtin;
        private long count;
        private long pending;
        private long total;

        Expansion(BuiltinContext context, String builtin) {
            this.context = context;
            this.builtin = builtin;
        }

        void add(long bytes) {
            pending += BYTES_PER_VALUE + bytes;
            if (++count % CHECK_EVERY == 0) flush();
        }

        void flush() {
            if (context != null) context.checkCancelled();
            total += pending;
            // without a context (tests, is_valid outside an evaluation) the whole budget is the cap
            if (context == null ? total > Limits.MEMORY_BUDGET : pending > 0 && tooMuch()) {
                throw Limits.error(builtin, "result too large: the YAML expands (through its aliases) to more than the"
                        + " builtin memory limit of one evaluation (" + (Limits.MEMORY_BUDGET >> 20) + " MiB) allows");
            }
            pending = 0;
        }

        private boolean tooMuch() {
            try {
                Limits.chargeBytes(context, builtin, pending);
                return false;
            } catch (BuiltinException e) {
                return true;
            }
        }
    }

    private static Value fromJava(Object o, Expansion budget) {
        budget.add(o instanceof String str ? str.length() : 0);
        if (o == null) return NullValue.INSTANCE;
        if (o instanceof Map<?, ?> m) {
            Map<Value, Value> out = new LinkedHashMap<>();
            for (var e : m.entrySet()) {
                Object k = e.getKey();
                String key = k instanceof String ks ? ks : k == null ? "null" : Json.write(fromJava(k, budget));
                out.put(StringValue.of(key), fromJava(e.getValue(), budget));
            }
            return ObjectValue.wrap(out);
        }
        if (o instanceof List<?> l) {
            List<Value> out = new ArrayList<>();
            for (Object e : l) out.add(fromJava(e, budget));
            return ArrayValue.of(out);
        }
        if (o instanceof Boolean b) return BooleanValue.of(b);
        if (o instanceof Integer || o instanceof Long) return NumberValue.of(((Number) o).longValue());
        if (o instanceof BigInteger b) return NumberValue.of(b);
        if (o instanceof Double d) {
            if (d.isNaN() || d.isInfinite()) throw Args.err("yaml.unmarshal", "json: unsupported value: " + d);
            return NumberValue.parse(GoFmt.formatFloat(d, 'g', -1).replace("e+0", "e+").replace("e-0", "e-"));
        }
        if (o instanceof Number n) return NumberValue.of(new BigDecimal(n.toString()));
        if (o instanceof byte[] b) return StringValue.of(java.util.Base64.getEncoder().encodeToString(b));
        return StringValue.of(o.toString());
    }

    private static Object toJava(Value v) {
        if (v instanceof NullValue) return null;
        if (v instanceof BooleanValue b) return b.value();
        if (v instanceof NumberValue n) {
            BigInteger i = Limits.bigInteger(n);
            if (i != null) return i.bitLength() < 64 ? (Object) i.longValue() : i;
            return n.value().doubleValue();
        }
        if (v instanceof StringValue s) return s.value();
        if (v instanceof ArrayValue a) {
            List<Object> out = new ArrayList<>();
            for (Value e : a.list()) out.add(toJava(e));
            return out;
        }
        if (v instanceof SetValue s) {
            List<Object> out = new ArrayList<>();
            for (Value e : s.sorted()) out.add(toJava(e));
            return out;
        }
        ObjectValue o = (ObjectValue) v;
        Map<String, Object> out = new TreeMap<>();
        for (Value k : o.keys()) out.put(Json.keyText(k), toJava(o.get(k)));
        return out;
    }
}
