package dev.gkstudio.rego.builtins;

import dev.gkstudio.rego.value.ArrayValue;
import dev.gkstudio.rego.value.NumberValue;
import dev.gkstudio.rego.value.StringValue;
import dev.gkstudio.rego.value.Value;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** time.* builtins: nanosecond timestamps, Go layouts, IANA zones. */
final class TimeBuiltins {
    private TimeBuiltins() {}

    private static final BigInteger BILLION = BigInteger.valueOf(1_000_000_000L);
    private static final Map<String, ZoneId> ZONES = new ConcurrentHashMap<>();
    private static final Map<String, String> LAYOUTS = Map.ofEntries(
            Map.entry("ANSIC", "Mon Jan _2 15:04:05 2006"),
            Map.entry("UnixDate", "Mon Jan _2 15:04:05 MST 2006"),
            Map.entry("RubyDate", "Mon Jan 02 15:04:05 -0700 2006"),
            Map.entry("RFC822", "02 Jan 06 15:04 MST"),
            Map.entry("RFC822Z", "02 Jan 06 15:04 -0700"),
            Map.entry("RFC850", "Monday, 02-Jan-06 15:04:05 MST"),
            Map.entry("RFC1123", "Mon, 02 Jan 2006 15:04:05 MST"),
            Map.entry("RFC1123Z", "Mon, 02 Jan 2006 15:04:05 -0700"),
            Map.entry("RFC3339", "2006-01-02T15:04:05Z07:00"),
            Map.entry("RFC3339Nano", "2006-01-02T15:04:05.999999999Z07:00"),
            Map.entry("Kitchen", "3:04PM"),
            Map.entry("Stamp", "Jan _2 15:04:05"),
            Map.entry("StampMilli", "Jan _2 15:04:05.000"),
            Map.entry("StampMicro", "Jan _2 15:04:05.000000"),
            Map.entry("StampNano", "Jan _2 15:04:05.000000000"),
            Map.entry("DateTime", "2006-01-02 15:04:05"),
            Map.entry("DateOnly", "2006-01-02"),
            Map.entry("TimeOnly", "15:04:05"));

    static final String RFC3339 = "2006-01-02T15:04:05Z07:00";
    static final String RFC3339_NANO = "2006-01-02T15:04:05.999999999Z07:00";

    record TzTime(ZonedDateTime t, String layout) {}

    static void register(Map<String, BuiltinFunction> t) {
        t.put("time.now_ns", (c, a) -> {
            Object cached = c.queryCache().get("time.now_ns");
            if (cached instanceof NumberValue n) return n;
            Instant now = c.now();
            NumberValue n = NumberValue.of(BigInteger.valueOf(now.getEpochSecond()).multiply(BILLION).add(BigInteger.valueOf(now.getNano())));
            c.queryCache().put("time.now_ns", n);
            return n;
        });
        t.put("time.parse_ns", (c, a) -> {
            String layout = Args.str("time.parse_ns", a, 0), value = Args.str("time.parse_ns", a, 1);
            return parse("time.parse_ns", LAYOUTS.getOrDefault(layout, layout), value);
        });
        t.put("time.parse_rfc3339_ns", (c, a) -> parse("time.parse_rfc3339_ns", RFC3339, Args.str("time.parse_rfc3339_ns", a, 0)));
        t.put("time.parse_duration_ns", (c, a) -> {
            try {
                return NumberValue.of(GoTime.parseDuration(Args.str("time.parse_duration_ns", a, 0)));
            } catch (GoTime.ParseError e) {
                throw Args.err("time.parse_duration_ns", e.getMessage());
            }
        });
        t.put("time.format", (c, a) -> {
            TzTime tz = tzTime("time.format", a[0]);
            String layout = tz.layout == null || tz.layout.isEmpty() ? RFC3339_NANO : tz.layout;
            return StringValue.of(GoTime.format(tz.t, layout));
        });
        t.put("time.date", (c, a) -> {
            ZonedDateTime z = tzTime("time.date", a[0]).t;
            return ArrayValue.of(NumberValue.of(z.getYear()), NumberValue.of(z.getMonthValue()), NumberValue.of(z.getDayOfMonth()));
        });
        t.put("time.clock", (c, a) -> {
            ZonedDateTime z = tzTime("time.clock", a[0]).t;
            return ArrayValue.of(NumberValue.of(z.getHour()), NumberValue.of(z.getMinute()), NumberValue.of(z.getSecond()));
        });
        t.put("time.weekday", (c, a) -> StringValue.of(GoTime.dayName(tzTime("time.weekday", a[0]).t.getDayOfWeek())));
        t.put("time.add_date", (c, a) -> {
            String b = "time.add_date";
            ZonedDateTime z = tzTime(b, a[0]).t;
            int years = Args.integer(b, a, 1), months = Args.integer(b, a, 2), days = Args.integer(b, a, 3);
            long y = (long) z.getYear() + years;
            long m = (long) z.getMonthValue() - 1 + months;
            y += Math.floorDiv(m, 12);
            m = Math.floorMod(m, 12);
            if (y > 999_999_999L || y < -999_999_999L) throw Args.err(b, "time outside of valid range");
            try {
                LocalDate d = LocalDate.of((int) y, (int) m + 1, 1).plusDays((long) z.getDayOfMonth() - 1 + days);
                LocalDateTime ldt = LocalDateTime.of(d, z.toLocalTime());
                ZonedDateTime r = ZonedDateTime.ofLocal(ldt, z.getZone(), null);
                return safeNanos(b, r.toEpochSecond(), r.getNano());
            } catch (DateTimeException e) {
                throw Args.err(b, "time outside of valid range");
            }
        });
        t.put("time.diff", (c, a) -> {
            ZonedDateTime t1 = tzTime("time.diff", a[0]).t;
            ZonedDateTime t2 = tzTime("time.diff", a[1]).t;
            t2 = t2.withZoneSameInstant(t1.getZone());
            if (t1.isAfter(t2)) {
                ZonedDateTime x = t1;
                t1 = t2;
                t2 = x;
            }
            int year = t2.getYear() - t1.getYear();
            int month = t2.getMonthValue() - t1.getMonthValue();
            int day = t2.getDayOfMonth() - t1.getDayOfMonth();
            int hour = t2.getHour() - t1.getHour();
            int min = t2.getMinute() - t1.getMinute();
            int sec = t2.getSecond() - t1.getSecond();
            if (sec < 0) { sec += 60; min--; }
            if (min < 0) { min += 60; hour--; }
            if (hour < 0) { hour += 24; day--; }
            if (day < 0) {
                // days in t1's month, as Go's Date(y, m, 32) normalization gives it
                int len = java.time.YearMonth.of(t1.getYear(), t1.getMonthValue()).lengthOfMonth();
                day += len;
                month--;
            }
            if (month < 0) { month += 12; year--; }
            return ArrayValue.of(NumberValue.of(year), NumberValue.of(month), NumberValue.of(day),
                    NumberValue.of(hour), NumberValue.of(min), NumberValue.of(sec));
        });
    }

    static NumberValue parse(String b, String layout, String value) {
        long[] r;
        try {
            r = GoTime.parse(layout, value);
        } catch (GoTime.ParseError e) {
            throw Args.err(b, e.getMessage());
        } catch (DateTimeException e) {
            throw Args.err(b, "time outside of valid range");
        }
        return safeNanos(b, r[0], (int) r[1]);
    }

    static NumberValue safeNanos(String b, long epochSecond, int nano) {
        BigInteger ns = BigInteger.valueOf(epochSecond).multiply(BILLION).add(BigInteger.valueOf(nano));
        if (ns.bitLength() > 63) throw Args.err(b, "time outside of valid range");
        return NumberValue.of(ns);
    }

    static ZoneId zone(String b, String name) {
        switch (name) {
            case "": case "UTC": return ZoneOffset.UTC;
            case "Local": return ZoneOffset.UTC;
            default:
        }
        ZoneId z = ZONES.get(name);
        if (z != null) return z;
        try {
            z = ZoneId.of(name);
        } catch (DateTimeException e) {
            throw Args.err(b, "unknown time zone " + name);
        }
        ZONES.put(name, z);
        return z;
    }

    static TzTime tzTime(String b, Value a) {
        Value nVal;
        ZoneId loc = ZoneOffset.UTC;
        String layout = "";
        if (a instanceof ArrayValue arr) {
            if (arr.size() == 0) throw BuiltinException.operand(b, 1, a, "either number (ns) or [number (ns), string (tz)]");
            nVal = arr.get(0);
            if (!(nVal instanceof NumberValue)) throw BuiltinException.operand(b, 1, nVal, "number");
            if (arr.size() > 1) {
                if (!(arr.get(1) instanceof StringValue tz)) throw BuiltinException.operand(b, 1, arr.get(1), "string");
                loc = zone(b, tz.value());
            }
            if (arr.size() > 2) {
                if (!(arr.get(2) instanceof StringValue l)) throw BuiltinException.operand(b, 1, arr.get(2), "string");
                layout = LAYOUTS.getOrDefault(l.value(), l.value());
            }
        } else if (a instanceof NumberValue) {
            nVal = a;
        } else {
            throw BuiltinException.operand(b, 1, a, "either number (ns) or [number (ns), string (tz)]");
        }
        BigDecimal f = GoFloat.of((NumberValue) nVal);
        BigInteger i;
        try {
            i = f.toBigIntegerExact();
        } catch (ArithmeticException e) {
            throw Args.err(b, "timestamp too big");
        }
        if (i.bitLength() > 63) throw Args.err(b, "timestamp too big");
        return new TzTime(GoTime.atZone(i.longValue(), loc), layout);
    }
}
