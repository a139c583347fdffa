package dev.gkstudio.rego.ast;

import java.util.ArrayList;
import java.util.List;

/**
 * A function call {@code operator(args...)}. Used both as a nested term ({@code count(x) > 1} has
 * {@code Call(count,[x])} inside {@code Call(gt, ...)}) and as the content of a call expression.
 * Infix operators are calls to their builtin names: {@code x = 1} is {@code eq(x, 1)}, {@code x := 1}
 * is {@code assign(x, 1)}, {@code a + b} is {@code plus(a, b)}, {@code x in xs} is
 * {@code internal.member_2(x, xs)}, {@code k, v in xs} is {@code internal.member_3(k, v, xs)}.
 * When a call expression has an output argument (e.g. {@code plus(x, 1, n)}), it is the extra last arg.
 *
 * @param operator the function name as a ref (e.g. {@code count}, {@code data.lib.f}, {@code internal.member_2})
 * @param args     arguments
 * @param location source range
 */
public record Call(Ref operator, List<Term> args, Location location) implements Term {

    public Call {
        args = List.copyOf(args);
    }

    /** @return the operator as a dotted name, e.g. {@code plus}, {@code data.lib.f}. */
    public String name() {
        return operator.toString();
    }

    /** @return a copy with {@code extra} appended to the arguments. */
    public Call withArg(Term extra) {
        List<Term> a = new ArrayList<>(args);
        a.add(extra);
        return new Call(operator, a, location);
    }

    @Override
    public boolean isGround() { return false; }

    @Override
    public Call withLocation(Location location) { return new Call(operator, args, location); }

    @Override
    public boolean equals(Object o) { return o instanceof Call c && c.operator.equals(operator) && c.args.equals(args); }

    @Override
    public int hashCode() { return operator.hashCode() * 31 + args.hashCode(); }

    @Override
    public String toString() { return Printer.list(operator + "(", args, ")"); }
}
