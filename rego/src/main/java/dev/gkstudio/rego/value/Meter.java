package dev.gkstudio.rego.value;

/**
 * Bounds value operations whose cost is not linear in the number of distinct values. A policy can build a
 * shared structure in a few cheap steps ({@code s1 := [s0, s0]}, {@code s2 := [s1, s1]}, ... {@code s48}) whose
 * tree form has 2<sup>48</sup> nodes; comparing, rendering, serialising or walking it would never end, and no
 * evaluation step happens inside one {@code equals} call. Such operations tick the meter of the evaluating thread,
 * which every few thousand ticks runs the evaluation's cancellation check, and text built from values is capped.
 *
 * <p>Without an installed meter (values used outside an evaluation) ticking costs one thread-local read.
 */
public abstract class Meter {
    private static final ThreadLocal<Meter> CURRENT = new ThreadLocal<>();

    /** Longest text (characters) rendered from one value while a meter is installed. */
    public static final int MAX_TEXT = Integer.getInteger("gkstudio.rego.maxValueText", 64 << 20);

    private int ticks;

    /** Throws the evaluation's cancellation error when its deadline has passed or it was cancelled. */
    protected abstract void check();

    /** The error for text rendered from a value that grows past {@link #MAX_TEXT}. */
    protected abstract RuntimeException tooLarge(String what);

    /** Installs a meter for the current thread; returns the previous one, to {@link #restore} afterwards. */
    public static Meter install(Meter m) {
        Meter prev = CURRENT.get();
        CURRENT.set(m);
        return prev;
    }

    public static void restore(Meter prev) {
        if (prev == null) CURRENT.remove();
        else CURRENT.set(prev);
    }

    /** Counts one unit of work on a composite value. */
    public static void tick() {
        Meter m = CURRENT.get();
        if (m != null && (++m.ticks & 0xfff) == 0) m.check();
    }

    /** Counts one unit of work and fails when text being built from a value has grown too long. */
    static void text(StringBuilder sb) {
        Meter m = CURRENT.get();
        if (m == null) return;
        if ((++m.ticks & 0xfff) == 0) m.check();
        if (sb.length() > MAX_TEXT) throw m.tooLarge("text of a value exceeds " + MAX_TEXT + " characters");
    }
}
