package dev.gkstudio.rego.builtins;

import dev.gkstudio.rego.value.ArrayValue;
import dev.gkstudio.rego.value.NumberValue;
import dev.gkstudio.rego.value.ObjectValue;
import dev.gkstudio.rego.value.SetValue;
import dev.gkstudio.rego.value.StringValue;
import dev.gkstudio.rego.value.Value;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.Map;

/**
 * Resource caps of the builtins, so that no policy can exhaust the memory of the process or hang in one builtin
 * call (the evaluator's time and step limits cannot interrupt a single allocation):
 *
 * <ul>
 *   <li>a memory budget per evaluation ({@link #MEMORY_BUDGET}, default 128 MiB, system property
 *       {@code gkstudio.rego.builtinMemoryBytes}): the sizes of all builtin results (string characters, 16 bytes
 *       per collection element, big numbers by their size) are added up; a builtin whose result would go past it fails with
 *       {@code eval_limit_error}; builtins that can multiply their input (concat, replace, sprintf, numbers.range,
 *       net.cidr_expand, json.marshal of a shared structure, ...) check their estimated result before building it;
 *   <li>numbers: integer operations refuse operands of more than {@link #MAX_INTEGER_DIGITS} digits, and
 *       floating-point ones numbers whose decimal exponent is beyond &plusmn;{@link #MAX_DECIMAL_EXPONENT}
 *       ({@code 1e999999999} is a valid JSON number that would otherwise take minutes to expand).
 * </ul>
 *
 * These errors have the code {@code eval_limit_error}; the evaluator reports them even without strict builtin
 * errors (a policy must not silently allow because a limit was hit).
 */
public final class Limits {
    private Limits() {}

    /** OPA's code of a limit error (same as {@code EvalError.LIMIT}). */
    public static final String LIMIT_ERROR = "eval_limit_error";

    public static final long MEMORY_BUDGET = Long.getLong("gkstudio.rego.builtinMemoryBytes", 128L << 20);
    public static final int MAX_INTEGER_DIGITS = 10_000;
    public static final int MAX_DECIMAL_EXPONENT = 100_000;
    /** Results below this size are not counted (the step limit bounds how many there can be). */
    private static final long SMALL = 64;

    private static final Object KEY = new Object();

    /** Thrown by helpers that do not know the builtin's name; {@link BuiltinRegistry} adds it. */
    static final class Exceeded extends RuntimeException {
        Exceeded(String message) {
            super(message, null, false, false);
        }
    }

    static BuiltinException error(String builtin, String message) {
        return new BuiltinException(LIMIT_ERROR, builtin + ": " + message);
    }

    private static long[] used(BuiltinContext c) {
        Map<Object, Object> cache = c.queryCache();
        if (cache == null) return null;
        long[] u = (long[]) cache.get(KEY);
        if (u == null) {
            u = new long[1];
            cache.put(KEY, u);
        }
        return u;
    }

    /** Fails when a result of about {@code bytes} would not fit in what is left of the evaluation's budget. */
    static void ensure(BuiltinContext c, String builtin, long bytes) {
        if (bytes < 0 || bytes > MEMORY_BUDGET) throw tooLarge(builtin, bytes);
        if (c == null || bytes < SMALL) return;
        long[] u = used(c);
        if (u != null && u[0] + bytes > MEMORY_BUDGET) throw tooLarge(builtin, bytes);
    }

    /** Adds a result to the evaluation's budget (called for every builtin result by the registry). */
    static void charge(BuiltinContext c, String builtin, Value r) {
        if (c == null || r == null) return;
        long n = size(r);
        if (n < SMALL) return;
        long[] u = used(c);
        if (u == null) return;
        if (u[0] + n > MEMORY_BUDGET) throw tooLarge(builtin, n);
        u[0] += n;
    }

    /** The shallow size of a value as the budget counts it. */
    static long size(Value v) {
        if (v instanceof StringValue s) return s.value().length();
        if (v instanceof ArrayValue a) return 16L * a.size();
        if (v instanceof SetValue s) return 16L * s.size();
        if (v instanceof ObjectValue o) return 32L * o.size();
        // computed big numbers: weighted by the time it takes to print them
        if (v instanceof NumberValue n && n.literalText() == null) return n.value().unscaledValue().bitLength() / 2;
        return 0;
    }

    private static BuiltinException tooLarge(String builtin, long bytes) {
        return error(builtin, "result too large: the builtin results of one evaluation are limited to "
                + (MEMORY_BUDGET >> 20) + " MiB (memory limit; this result: about " + human(bytes) + ")");
    }

    private static String human(long bytes) {
        if (bytes < 0) return "more than 8 EiB";
        if (bytes >= 1L << 30) return (bytes >> 30) + " GiB";
        if (bytes >= 1L << 20) return (bytes >> 20) + " MiB";
        if (bytes >= 1L << 10) return (bytes >> 10) + " KiB";
        return bytes + " bytes";
    }

    /**
     * An upper bound of the JSON text of a value, counting shared parts each time they occur (as a writer would),
     * or {@code cap + 1} as soon as it exceeds {@code cap}: linear in {@code cap}, whatever the value's shape.
     */
    static long jsonSizeAtMost(Value v, long cap) {
        long total = 0;
        ArrayDeque<Value> todo = new ArrayDeque<>();
        todo.push(v);
        while (!todo.isEmpty()) {
            Value x = todo.pop();
            if (x instanceof StringValue s) total += s.value().length() + 3;
            else if (x instanceof NumberValue n) total += n.literalText() != null ? n.literalText().length() + 1
                    : n.value().precision() + 3;
            else if (x instanceof ArrayValue a) { total += 2 + a.size(); for (Value e : a.list()) todo.push(e); }
            else if (x instanceof SetValue s) { total += 2 + s.size(); for (Value e : s.sorted()) todo.push(e); }
            else if (x instanceof ObjectValue o) {
                total += 2 + 2L * o.size();
                for (Map.Entry<Value, Value> e : o.asMap().entrySet()) { todo.push(e.getKey()); todo.push(e.getValue()); }
            } else total += 5;
            if (total > cap) return cap + 1;
        }
        return total;
    }

    /** Before rendering a value as text: fails when the text would not fit the budget. */
    static void ensureRenderable(BuiltinContext c, String builtin, Value v) {
        long n = jsonSizeAtMost(v, MAX_SINGLE_RESULT);
        if (n > MAX_SINGLE_RESULT) {
            throw error(builtin, "result too large: one builtin result is limited to " + (MAX_SINGLE_RESULT >> 20)
                    + " MiB (memory limit)");
        }
        ensure(c, builtin, n);
    }

    /** Fails for an integer operand with more than {@link #MAX_INTEGER_DIGITS} digits (before expanding it). */
    static void checkIntegerSize(BigDecimal d) {
        if (d.signum() != 0 && (long) d.precision() - d.scale() > MAX_INTEGER_DIGITS) {
            throw new Exceeded("number too large: integer operations are limited to " + MAX_INTEGER_DIGITS
                    + " digits");
        }
    }

    /** Fails for a number whose decimal exponent is beyond &plusmn;{@link #MAX_DECIMAL_EXPONENT}. */
    static void checkExponent(BigDecimal d) {
        if (d.signum() == 0) return;
        long exp = (long) d.precision() - d.scale() - 1;
        if (exp > MAX_DECIMAL_EXPONENT || exp < -MAX_DECIMAL_EXPONENT) {
            throw new Exceeded("number out of range: the decimal exponent of numbers in arithmetic is limited to "
                    + "\u00b1" + MAX_DECIMAL_EXPONENT);
        }
    }

    /** {@link NumberValue#toBigIntegerOrNull()} after {@link #checkIntegerSize}. */
    static java.math.BigInteger bigInteger(NumberValue n) {
        checkIntegerSize(n.value());
        return n.toBigIntegerOrNull();
    }

    /** Fails when an intermediate integer result grows past {@link #MAX_INTEGER_DIGITS} digits. */
    static java.math.BigInteger checkBits(java.math.BigInteger i) {
        if (i.bitLength() > MAX_INTEGER_DIGITS * 10L / 3) {
            throw new Exceeded("number too large: integer operations are limited to " + MAX_INTEGER_DIGITS + " digits");
        }
        return i;
    }

    /** The longest text a builtin builds step by step where the evaluation's budget is not at hand. */
    public static final long MAX_SINGLE_RESULT = MEMORY_BUDGET / 4;

    /** For builders: fails when a text being built grows past {@link #MAX_SINGLE_RESULT}. */
    static void checkLength(long length) {
        if (length > MAX_SINGLE_RESULT) {
            throw new Exceeded("result too large: one builtin result is limited to " + (MAX_SINGLE_RESULT >> 20)
                    + " MiB (memory limit)");
        }
    }

    /** Charges {@code bytes} (e.g. the tree a decoder built from a string of that length) to the budget. */
    static void chargeBytes(BuiltinContext c, String builtin, long bytes) {
        ensure(c, builtin, bytes);
        if (c == null || bytes < SMALL) return;
        long[] u = used(c);
        if (u != null) u[0] += bytes;
    }
}
