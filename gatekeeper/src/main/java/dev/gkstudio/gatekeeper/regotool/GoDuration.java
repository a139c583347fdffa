package dev.gkstudio.gatekeeper.regotool;

/** Go's {@code time.Duration.String()}: {@code 0s}, {@code 850ns}, {@code 12.5µs}, {@code 1.234567ms}, {@code 1m2.5s}. */
public final class GoDuration {
    private GoDuration() {}

    public static String format(long ns) {
        if (ns == 0) return "0s";
        boolean neg = ns < 0;
        long d = Math.abs(ns);
        String s;
        if (d < 1_000) s = d + "ns";
        else if (d < 1_000_000) s = fraction(d, 1_000) + "µs";
        else if (d < 1_000_000_000) s = fraction(d, 1_000_000) + "ms";
        else {
            long h = d / 3_600_000_000_000L;
            long m = d / 60_000_000_000L % 60;
            String sec = fraction(d % 60_000_000_000L, 1_000_000_000) + "s";
            s = h > 0 ? h + "h" + m + "m" + sec : m > 0 ? m + "m" + sec : sec;
        }
        return neg ? "-" + s : s;
    }

    private static String fraction(long v, long unit) {
        long whole = v / unit;
        long rest = v % unit;
        if (rest == 0) return Long.toString(whole);
        int digits = Long.toString(unit).length() - 1;
        String frac = String.format("%0" + digits + "d", rest).replaceAll("0+$", "");
        return whole + "." + frac;
    }
}
