package dev.gkstudio.rego.builtins;

import dev.gkstudio.rego.value.Json;
import java.math.BigInteger;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.Locale;

/** Go's time layouts: Time.Format and time.Parse, plus time.ParseDuration. */
final class GoTime {
    private GoTime() {}

    static final class ParseError extends Exception {
        ParseError(String m) { super(m, null, false, false); }
    }

    // layout element codes
    static final int LONG_MONTH = 1, MONTH = 2, NUM_MONTH = 3, ZERO_MONTH = 4, LONG_WEEKDAY = 5, WEEKDAY = 6,
            DAY = 7, UNDER_DAY = 8, ZERO_DAY = 9, UNDER_YEARDAY = 10, ZERO_YEARDAY = 11, HOUR = 12, HOUR12 = 13,
            ZERO_HOUR12 = 14, MINUTE = 15, ZERO_MINUTE = 16, SECOND = 17, ZERO_SECOND = 18, LONG_YEAR = 19, YEAR = 20,
            PM = 21, PM_LOWER = 22, TZ = 23, ISO_TZ = 24, ISO_SECONDS_TZ = 25, ISO_SHORT_TZ = 26, ISO_COLON_TZ = 27,
            ISO_COLON_SECONDS_TZ = 28, NUM_TZ = 29, NUM_SECONDS_TZ = 30, NUM_SHORT_TZ = 31, NUM_COLON_TZ = 32,
            NUM_COLON_SECONDS_TZ = 33, FRAC0 = 34, FRAC9 = 35;

    /** A layout chunk: literal prefix, element code (0 = none), element text, rest; frac digits and separator. */
    record Chunk(String prefix, int std, String stdStr, String suffix, int digits, char sep) {}

    private static boolean lowerAt(String s, int i) {
        return i < s.length() && s.charAt(i) >= 'a' && s.charAt(i) <= 'z';
    }

    private static boolean digitAt(String s, int i) {
        return i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9';
    }

    static Chunk next(String l) {
        for (int i = 0; i < l.length(); i++) {
            char c = l.charAt(i);
            switch (c) {
                case 'J':
                    if (l.startsWith("Jan", i)) {
                        if (l.startsWith("January", i)) return ch(l, i, LONG_MONTH, 7);
                        if (!lowerAt(l, i + 3)) return ch(l, i, MONTH, 3);
                    }
                    break;
                case 'M':
                    if (l.startsWith("Mon", i)) {
                        if (l.startsWith("Monday", i)) return ch(l, i, LONG_WEEKDAY, 6);
                        if (!lowerAt(l, i + 3)) return ch(l, i, WEEKDAY, 3);
                    }
                    if (l.startsWith("MST", i)) return ch(l, i, TZ, 3);
                    break;
                case '0':
                    if (i + 1 < l.length() && l.charAt(i + 1) >= '1' && l.charAt(i + 1) <= '6') {
                        int[] std0x = {ZERO_MONTH, ZERO_DAY, ZERO_HOUR12, ZERO_MINUTE, ZERO_SECOND, YEAR};
                        return ch(l, i, std0x[l.charAt(i + 1) - '1'], 2);
                    }
                    if (l.startsWith("002", i)) return ch(l, i, ZERO_YEARDAY, 3);
                    break;
                case '1':
                    if (i + 1 < l.length() && l.charAt(i + 1) == '5') return ch(l, i, HOUR, 2);
                    return ch(l, i, NUM_MONTH, 1);
                case '2':
                    if (l.startsWith("2006", i)) return ch(l, i, LONG_YEAR, 4);
                    return ch(l, i, DAY, 1);
                case '_':
                    if (i + 1 < l.length() && l.charAt(i + 1) == '2') {
                        if (l.startsWith("2006", i + 1)) return new Chunk(l.substring(0, i + 1), LONG_YEAR, "2006", l.substring(i + 5), 0, ' ');
                        return ch(l, i, UNDER_DAY, 2);
                    }
                    if (l.startsWith("__2", i)) return ch(l, i, UNDER_YEARDAY, 3);
                    break;
                case '3': return ch(l, i, HOUR12, 1);
                case '4': return ch(l, i, MINUTE, 1);
                case '5': return ch(l, i, SECOND, 1);
                case 'P':
                    if (i + 1 < l.length() && l.charAt(i + 1) == 'M') return ch(l, i, PM, 2);
                    break;
                case 'p':
                    if (i + 1 < l.length() && l.charAt(i + 1) == 'm') return ch(l, i, PM_LOWER, 2);
                    break;
                case '-':
                    if (l.startsWith("-070000", i)) return ch(l, i, NUM_SECONDS_TZ, 7);
                    if (l.startsWith("-07:00:00", i)) return ch(l, i, NUM_COLON_SECONDS_TZ, 9);
                    if (l.startsWith("-0700", i)) return ch(l, i, NUM_TZ, 5);
                    if (l.startsWith("-07:00", i)) return ch(l, i, NUM_COLON_TZ, 6);
                    if (l.startsWith("-07", i)) return ch(l, i, NUM_SHORT_TZ, 3);
                    break;
                case 'Z':
                    if (l.startsWith("Z070000", i)) return ch(l, i, ISO_SECONDS_TZ, 7);
                    if (l.startsWith("Z07:00:00", i)) return ch(l, i, ISO_COLON_SECONDS_TZ, 9);
                    if (l.startsWith("Z0700", i)) return ch(l, i, ISO_TZ, 5);
                    if (l.startsWith("Z07:00", i)) return ch(l, i, ISO_COLON_TZ, 6);
                    if (l.startsWith("Z07", i)) return ch(l, i, ISO_SHORT_TZ, 3);
                    break;
                case '.': case ',':
                    if (i + 1 < l.length() && (l.charAt(i + 1) == '0' || l.charAt(i + 1) == '9')) {
                        char d = l.charAt(i + 1);
                        int j = i + 1;
                        while (j < l.length() && l.charAt(j) == d) j++;
                        if (!digitAt(l, j)) {
                            return new Chunk(l.substring(0, i), d == '0' ? FRAC0 : FRAC9, l.substring(i, j), l.substring(j), j - (i + 1), c);
                        }
                    }
                    break;
                default:
            }
        }
        return new Chunk(l, 0, "", "", 0, ' ');
    }

    private static Chunk ch(String l, int i, int std, int len) {
        return new Chunk(l.substring(0, i), std, l.substring(i, i + len), l.substring(i + len), 0, ' ');
    }

    private static String pad(long v, int width) {
        boolean neg = v < 0;
        String s = Long.toString(Math.abs(v));
        StringBuilder sb = new StringBuilder();
        if (neg) sb.append('-');
        for (int k = s.length(); k < width; k++) sb.append('0');
        return sb.append(s).toString();
    }

    static String zoneName(ZonedDateTime t) {
        ZoneId z = t.getZone();
        if (z.equals(ZoneOffset.UTC) || z.getId().equals("UTC") || z.getId().equals("Etc/UTC") || z.getId().equals("Z")) return "UTC";
        if (z instanceof ZoneOffset) return "";
        String n = java.time.format.DateTimeFormatter.ofPattern("z", Locale.ROOT).format(t);
        if (n.startsWith("GMT") && n.length() > 3) {
            // Go prints numeric abbreviations like "+03" where tzdata has no letters.
            int off = t.getOffset().getTotalSeconds() / 60;
            String s = (off < 0 ? "-" : "+") + pad(Math.abs(off) / 60, 2);
            if (Math.abs(off) % 60 != 0) s += pad(Math.abs(off) % 60, 2);
            return s;
        }
        return n;
    }

    static String format(ZonedDateTime t, String layout) {
        StringBuilder b = new StringBuilder();
        String l = layout;
        while (!l.isEmpty()) {
            Chunk c = next(l);
            b.append(c.prefix);
            if (c.std == 0) break;
            l = c.suffix;
            int year = t.getYear(), month = t.getMonthValue(), day = t.getDayOfMonth();
            int hour = t.getHour(), min = t.getMinute(), sec = t.getSecond();
            switch (c.std) {
                case YEAR: b.append(pad(Math.floorMod(year, 100), 2)); break;
                case LONG_YEAR: b.append(pad(year, 4)); break;
                case MONTH: b.append(monthName(month), 0, 3); break;
                case LONG_MONTH: b.append(monthName(month)); break;
                case NUM_MONTH: b.append(month); break;
                case ZERO_MONTH: b.append(pad(month, 2)); break;
                case WEEKDAY: b.append(dayName(t.getDayOfWeek()), 0, 3); break;
                case LONG_WEEKDAY: b.append(dayName(t.getDayOfWeek())); break;
                case DAY: b.append(day); break;
                case UNDER_DAY: if (day < 10) b.append(' '); b.append(day); break;
                case ZERO_DAY: b.append(pad(day, 2)); break;
                case UNDER_YEARDAY: {
                    int yd = t.getDayOfYear();
                    if (yd < 100) { b.append(' '); if (yd < 10) b.append(' '); }
                    b.append(yd);
                    break;
                }
                case ZERO_YEARDAY: b.append(pad(t.getDayOfYear(), 3)); break;
                case HOUR: b.append(pad(hour, 2)); break;
                case HOUR12: { int h = hour % 12; b.append(h == 0 ? 12 : h); break; }
                case ZERO_HOUR12: { int h = hour % 12; b.append(pad(h == 0 ? 12 : h, 2)); break; }
                case MINUTE: b.append(min); break;
                case ZERO_MINUTE: b.append(pad(min, 2)); break;
                case SECOND: b.append(sec); break;
                case ZERO_SECOND: b.append(pad(sec, 2)); break;
                case PM: b.append(hour >= 12 ? "PM" : "AM"); break;
                case PM_LOWER: b.append(hour >= 12 ? "pm" : "am"); break;
                case ISO_TZ: case ISO_COLON_TZ: case ISO_SECONDS_TZ: case ISO_SHORT_TZ: case ISO_COLON_SECONDS_TZ:
                case NUM_TZ: case NUM_COLON_TZ: case NUM_SECONDS_TZ: case NUM_SHORT_TZ: case NUM_COLON_SECONDS_TZ: {
                    int offset = t.getOffset().getTotalSeconds();
                    int std = c.std;
                    boolean iso = std == ISO_TZ || std == ISO_COLON_TZ || std == ISO_SECONDS_TZ || std == ISO_SHORT_TZ || std == ISO_COLON_SECONDS_TZ;
                    if (offset == 0 && iso) { b.append('Z'); break; }
                    int zone = offset / 60, abs = offset;
                    if (zone < 0) { b.append('-'); zone = -zone; abs = -abs; } else b.append('+');
                    b.append(pad(zone / 60, 2));
                    if (std == ISO_COLON_TZ || std == NUM_COLON_TZ || std == ISO_COLON_SECONDS_TZ || std == NUM_COLON_SECONDS_TZ) b.append(':');
                    if (std != NUM_SHORT_TZ && std != ISO_SHORT_TZ) b.append(pad(zone % 60, 2));
                    if (std == ISO_SECONDS_TZ || std == NUM_SECONDS_TZ || std == NUM_COLON_SECONDS_TZ || std == ISO_COLON_SECONDS_TZ) {
                        if (std == NUM_COLON_SECONDS_TZ || std == ISO_COLON_SECONDS_TZ) b.append(':');
                        b.append(pad(abs % 60, 2));
                    }
                    break;
                }
                case TZ: {
                    String name = zoneName(t);
                    if (!name.isEmpty()) { b.append(name); break; }
                    int zone = t.getOffset().getTotalSeconds() / 60;
                    if (zone < 0) { b.append('-'); zone = -zone; } else b.append('+');
                    b.append(pad(zone / 60, 2)).append(pad(zone % 60, 2));
                    break;
                }
                case FRAC0: case FRAC9: {
                    String ns = pad(t.getNano(), 9).substring(0, Math.min(9, c.digits));
                    if (c.std == FRAC9) {
                        int e = ns.length();
                        while (e > 0 && ns.charAt(e - 1) == '0') e--;
                        ns = ns.substring(0, e);
                        if (ns.isEmpty()) break;
                    }
                    b.append(c.sep).append(ns);
                    break;
                }
                default:
            }
        }
        return b.toString();
    }

    static final String[] MONTHS = {"January", "February", "March", "April", "May", "June", "July", "August",
        "September", "October", "November", "December"};
    static final String[] DAYS = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};

    static String monthName(int m) { return MONTHS[m - 1]; }

    static String dayName(DayOfWeek d) { return DAYS[d.getValue() % 7]; }

    // ---- parsing

    private static ParseError err(String layout, String value, String elem, String rest) {
        return new ParseError("parsing time " + Json.quote(value) + " as " + Json.quote(layout) + ": cannot parse "
                + Json.quote(rest) + " as " + Json.quote(elem));
    }

    private static ParseError msg(String value, String m) {
        return new ParseError("parsing time " + Json.quote(value) + m);
    }

    private static final class Num {
        int v;
        String rest;
    }

    /** Go's getnum: one or two digits (exactly two when fixed). null when bad. */
    private static Num getnum(String s, boolean fixed) {
        if (!digitAt(s, 0)) return null;
        Num n = new Num();
        if (!digitAt(s, 1)) {
            if (fixed) return null;
            n.v = s.charAt(0) - '0';
            n.rest = s.substring(1);
            return n;
        }
        n.v = (s.charAt(0) - '0') * 10 + (s.charAt(1) - '0');
        n.rest = s.substring(2);
        return n;
    }

    private static Num getnum3(String s, boolean fixed) {
        int n = 0, i = 0;
        for (; i < 3 && digitAt(s, i); i++) n = n * 10 + s.charAt(i) - '0';
        if (i == 0 || (fixed && i != 3)) return null;
        Num r = new Num();
        r.v = n;
        r.rest = s.substring(i);
        return r;
    }

    private static int lookup(String[] names, String val, int len) {
        for (int k = 0; k < names.length; k++) {
            String n = len > 0 ? names[k].substring(0, len) : names[k];
            if (val.length() >= n.length() && val.substring(0, n.length()).equalsIgnoreCase(n)) return k;
        }
        return -1;
    }

    /** time.Parse(layout, value) with UTC as the default location; returns the instant as {epochSecond, nano}. */
    static long[] parse(String layout, String value) throws ParseError {
        String alayout = layout, avalue = value;
        long year = 0;
        int month = -1, day = -1, yday = -1, hour = 0, min = 0, sec = 0, nsec = 0;
        boolean pmSet = false, amSet = false;
        int zoneOffset = -1;
        String zoneName = "";
        while (true) {
            Chunk c = next(layout);
            String stdstr = c.stdStr;
            if (!value.startsWith(c.prefix)) {
                throw err(alayout, avalue, c.prefix, value);
            }
            value = value.substring(c.prefix.length());
            if (c.std == 0) {
                if (!value.isEmpty()) throw msg(avalue, ": extra text: " + Json.quote(value));
                break;
            }
            layout = c.suffix;
            String hold = value;
            String range = null;
            boolean bad = false;
            Num n;
            switch (c.std) {
                case YEAR:
                    if (value.length() < 2 || !digitAt(value, 0) || !digitAt(value, 1)) { bad = true; break; }
                    year = Integer.parseInt(value.substring(0, 2));
                    value = value.substring(2);
                    year += year >= 69 ? 1900 : 2000;
                    break;
                case LONG_YEAR:
                    if (value.length() < 4 || !digitAt(value, 0) || !digitAt(value, 1) || !digitAt(value, 2) || !digitAt(value, 3)) { bad = true; break; }
                    year = Integer.parseInt(value.substring(0, 4));
                    value = value.substring(4);
                    break;
                case MONTH: case LONG_MONTH: {
                    int k = lookup(MONTHS, value, c.std == MONTH ? 3 : 0);
                    if (k < 0) { bad = true; break; }
                    month = k + 1;
                    value = value.substring(c.std == MONTH ? 3 : MONTHS[k].length());
                    break;
                }
                case NUM_MONTH: case ZERO_MONTH:
                    n = getnum(value, c.std == ZERO_MONTH);
                    if (n == null) { bad = true; break; }
                    month = n.v; value = n.rest;
                    if (month <= 0 || month > 12) range = "month";
                    break;
                case WEEKDAY: case LONG_WEEKDAY: {
                    int k = lookup(DAYS, value, c.std == WEEKDAY ? 3 : 0);
                    if (k < 0) { bad = true; break; }
                    value = value.substring(c.std == WEEKDAY ? 3 : DAYS[k].length());
                    break;
                }
                case DAY: case UNDER_DAY: case ZERO_DAY:
                    if (c.std == UNDER_DAY && value.length() > 0 && value.charAt(0) == ' ') value = value.substring(1);
                    n = getnum(value, c.std == ZERO_DAY);
                    if (n == null) { bad = true; break; }
                    day = n.v; value = n.rest;
                    break;
                case UNDER_YEARDAY: case ZERO_YEARDAY:
                    for (int k = 0; k < 2; k++) {
                        if (c.std == UNDER_YEARDAY && value.length() > 0 && value.charAt(0) == ' ') value = value.substring(1);
                    }
                    n = getnum3(value, c.std == ZERO_YEARDAY);
                    if (n == null) { bad = true; break; }
                    yday = n.v; value = n.rest;
                    if (yday < 1 || yday > 366) range = "day-of-year";
                    break;
                case HOUR:
                    n = getnum(value, false);
                    if (n == null) { bad = true; break; }
                    hour = n.v; value = n.rest;
                    if (hour < 0 || hour >= 24) range = "hour";
                    break;
                case HOUR12: case ZERO_HOUR12:
                    n = getnum(value, c.std == ZERO_HOUR12);
                    if (n == null) { bad = true; break; }
                    hour = n.v; value = n.rest;
                    if (hour < 0 || hour > 12) range = "hour";
                    break;
                case MINUTE: case ZERO_MINUTE:
                    n = getnum(value, c.std == ZERO_MINUTE);
                    if (n == null) { bad = true; break; }
                    min = n.v; value = n.rest;
                    if (min < 0 || min >= 60) range = "minute";
                    break;
                case SECOND: case ZERO_SECOND: {
                    n = getnum(value, c.std == ZERO_SECOND);
                    if (n == null) { bad = true; break; }
                    sec = n.v; value = n.rest;
                    if (sec < 0 || sec >= 60) { range = "second"; break; }
                    if (value.length() >= 2 && (value.charAt(0) == '.' || value.charAt(0) == ',') && digitAt(value, 1)) {
                        Chunk nx = next(layout);
                        if (nx.std == FRAC0 || nx.std == FRAC9) break;
                        int k = 2;
                        while (k < value.length() && digitAt(value, k)) k++;
                        nsec = parseNanos(value, k);
                        value = value.substring(k);
                    }
                    break;
                }
                case PM: case PM_LOWER: {
                    if (value.length() < 2) { bad = true; break; }
                    String p = value.substring(0, 2);
                    if (c.std == PM ? p.equals("PM") : p.equals("pm")) pmSet = true;
                    else if (c.std == PM ? p.equals("AM") : p.equals("am")) amSet = true;
                    else { bad = true; break; }
                    value = value.substring(2);
                    break;
                }
                case ISO_TZ: case ISO_COLON_TZ: case ISO_SECONDS_TZ: case ISO_SHORT_TZ: case ISO_COLON_SECONDS_TZ:
                case NUM_TZ: case NUM_COLON_TZ: case NUM_SECONDS_TZ: case NUM_SHORT_TZ: case NUM_COLON_SECONDS_TZ: {
                    int std = c.std;
                    boolean iso = std == ISO_TZ || std == ISO_COLON_TZ || std == ISO_SECONDS_TZ || std == ISO_SHORT_TZ || std == ISO_COLON_SECONDS_TZ;
                    if (iso && value.length() >= 1 && value.charAt(0) == 'Z') {
                        value = value.substring(1);
                        zoneOffset = 0;
                        zoneName = "UTC";
                        break;
                    }
                    String sign, hh, mm = "00", ss = "00";
                    if (std == ISO_COLON_TZ || std == NUM_COLON_TZ) {
                        if (value.length() < 6 || value.charAt(3) != ':') { bad = true; break; }
                        sign = value.substring(0, 1); hh = value.substring(1, 3); mm = value.substring(4, 6); value = value.substring(6);
                    } else if (std == NUM_SHORT_TZ || std == ISO_SHORT_TZ) {
                        if (value.length() < 3) { bad = true; break; }
                        sign = value.substring(0, 1); hh = value.substring(1, 3); value = value.substring(3);
                    } else if (std == ISO_COLON_SECONDS_TZ || std == NUM_COLON_SECONDS_TZ) {
                        if (value.length() < 9 || value.charAt(3) != ':' || value.charAt(6) != ':') { bad = true; break; }
                        sign = value.substring(0, 1); hh = value.substring(1, 3); mm = value.substring(4, 6); ss = value.substring(7, 9);
                        value = value.substring(9);
                    } else if (std == ISO_SECONDS_TZ || std == NUM_SECONDS_TZ) {
                        if (value.length() < 7) { bad = true; break; }
                        sign = value.substring(0, 1); hh = value.substring(1, 3); mm = value.substring(3, 5); ss = value.substring(5, 7);
                        value = value.substring(7);
                    } else {
                        if (value.length() < 5) { bad = true; break; }
                        sign = value.substring(0, 1); hh = value.substring(1, 3); mm = value.substring(3, 5); value = value.substring(5);
                    }
                    if (!hh.chars().allMatch(Character::isDigit) || !mm.chars().allMatch(Character::isDigit) || !ss.chars().allMatch(Character::isDigit)) {
                        bad = true;
                        break;
                    }
                    int h = Integer.parseInt(hh), m = Integer.parseInt(mm), s = Integer.parseInt(ss);
                    if (h > 24) range = "time zone offset hour";
                    if (m > 60) range = "time zone offset minute";
                    if (s > 60) range = "time zone offset second";
                    zoneOffset = (h * 60 + m) * 60 + s;
                    if (sign.equals("-")) zoneOffset = -zoneOffset;
                    else if (!sign.equals("+")) bad = true;
                    break;
                }
                case TZ: {
                    if (value.length() >= 3 && value.startsWith("UTC")) {
                        value = value.substring(3);
                        zoneName = "UTC";
                        zoneOffset = 0;
                        break;
                    }
                    int k = tzLen(value);
                    if (k <= 0) { bad = true; break; }
                    zoneName = value.substring(0, k);
                    value = value.substring(k);
                    break;
                }
                case FRAC0: {
                    int nd = 1 + c.digits;
                    if (value.length() < nd || (value.charAt(0) != '.' && value.charAt(0) != ',')) { bad = true; break; }
                    for (int k = 1; k < nd; k++) if (!digitAt(value, k)) { bad = true; break; }
                    if (bad) break;
                    nsec = parseNanos(value, nd);
                    value = value.substring(nd);
                    break;
                }
                case FRAC9: {
                    if (value.length() < 2 || (value.charAt(0) != '.' && value.charAt(0) != ',') || !digitAt(value, 1)) break;
                    int k = 0;
                    while (k + 1 < value.length() && digitAt(value, k + 1)) k++;
                    nsec = parseNanos(value, 1 + k);
                    value = value.substring(1 + k);
                    break;
                }
                default:
            }
            if (range != null) {
                throw new ParseError("parsing time " + Json.quote(avalue) + ": " + range + " out of range");
            }
            if (bad) throw err(alayout, avalue, stdstr, hold);
        }
        if (pmSet && hour < 12) hour += 12;
        else if (amSet && hour == 12) hour = 0;
        if (yday >= 0) {
            int d, m;
            boolean leap = java.time.Year.isLeap(year);
            if (yday > (leap ? 366 : 365)) throw new ParseError("parsing time " + Json.quote(avalue) + ": day-of-year out of range");
            LocalDate ld = LocalDate.ofYearDay((int) year, yday);
            m = ld.getMonthValue();
            d = ld.getDayOfMonth();
            if (month >= 0 && month != m) throw new ParseError("parsing time " + Json.quote(avalue) + ": day-of-year does not match month");
            if (day >= 0 && day != d) throw new ParseError("parsing time " + Json.quote(avalue) + ": day-of-year does not match day");
            month = m;
            day = d;
        } else {
            if (month < 0) month = 1;
            if (day < 0) day = 1;
        }
        if (day < 1 || day > java.time.YearMonth.of((int) year, month).lengthOfMonth()) {
            throw new ParseError("parsing time " + Json.quote(avalue) + ": day out of range");
        }
        LocalDateTime ldt = LocalDateTime.of((int) year, month, day, hour, min, sec, nsec);
        long epoch = ldt.toEpochSecond(ZoneOffset.UTC);
        if (zoneOffset != -1) epoch -= zoneOffset;
        else if (zoneName.length() > 3 && zoneName.startsWith("GMT")) {
            try {
                epoch -= Integer.parseInt(zoneName.substring(3).replace("+", "")) * 3600L;
            } catch (NumberFormatException e) {
                // unknown offset: treated as UTC
            }
        }
        return new long[] {epoch, nsec};
    }

    private static int parseNanos(String value, int nbytes) {
        int ns = 0, i = 1;
        for (; i < nbytes && i < 10; i++) ns = ns * 10 + (value.charAt(i) - '0');
        for (; i < 10; i++) ns *= 10;
        return ns;
    }

    /** Go's parseTimeZone: length of a zone abbreviation at the start of value, or 0. */
    private static int tzLen(String value) {
        if (value.length() < 3) return 0;
        if (value.length() >= 4 && (value.startsWith("ChST") || value.startsWith("MeST"))) return 4;
        if (value.startsWith("GMT")) {
            int len = 3;
            if (value.length() > 3 && (value.charAt(3) == '+' || value.charAt(3) == '-')) {
                int k = 4;
                while (k < value.length() && digitAt(value, k)) k++;
                if (k > 4) {
                    try {
                        int x = Integer.parseInt(value.substring(4, k));
                        if (x <= 23 && x != 0) len = k;
                    } catch (NumberFormatException e) {
                        // keep 3
                    }
                }
            }
            return len;
        }
        if (value.charAt(0) == '+' || value.charAt(0) == '-') {
            int k = 1;
            while (k < value.length() && digitAt(value, k)) k++;
            return k == 3 || k == 5 ? k : 0;
        }
        int nUpper = 0;
        for (; nUpper < 6 && nUpper < value.length(); nUpper++) {
            char c = value.charAt(nUpper);
            if (c < 'A' || c > 'Z') break;
        }
        switch (nUpper) {
            case 0: case 1: case 2: case 6: return 0;
            case 5: return value.charAt(4) == 'T' ? 5 : 0;
            case 4: return value.charAt(3) == 'T' || value.startsWith("WITA") ? 4 : 0;
            case 3: return 3;
            default: return 0;
        }
    }

    /** time.ParseDuration, in nanoseconds. */
    static long parseDuration(String s) throws ParseError {
        String orig = s;
        boolean neg = false;
        if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            neg = s.charAt(0) == '-';
            s = s.substring(1);
        }
        if (s.equals("0")) return 0;
        if (s.isEmpty()) throw new ParseError("time: invalid duration " + Json.quote(orig));
        BigInteger total = BigInteger.ZERO;
        while (!s.isEmpty()) {
            if (!(s.charAt(0) == '.' || digitAt(s, 0))) throw new ParseError("time: invalid duration " + Json.quote(orig));
            int i = 0;
            while (digitAt(s, i)) i++;
            String intPart = s.substring(0, i);
            s = s.substring(i);
            boolean pre = !intPart.isEmpty();
            String frac = "";
            boolean post = false;
            if (!s.isEmpty() && s.charAt(0) == '.') {
                s = s.substring(1);
                int j = 0;
                while (digitAt(s, j)) j++;
                frac = s.substring(0, j);
                s = s.substring(j);
                post = j > 0;
            }
            if (!pre && !post) throw new ParseError("time: invalid duration " + Json.quote(orig));
            int u = 0;
            while (u < s.length() && s.charAt(u) != '.' && !digitAt(s, u)) u++;
            if (u == 0) throw new ParseError("time: missing unit in duration " + Json.quote(orig));
            String unit = s.substring(0, u);
            s = s.substring(u);
            long mult;
            switch (unit) {
                case "ns": mult = 1; break;
                case "us": case "\u00b5s": case "\u03bcs": mult = 1000; break;
                case "ms": mult = 1_000_000; break;
                case "s": mult = 1_000_000_000L; break;
                case "m": mult = 60_000_000_000L; break;
                case "h": mult = 3_600_000_000_000L; break;
                // OPA's parse_duration_ns also takes days, weeks and (365-day) years
                case "d": mult = 24 * 3_600_000_000_000L; break;
                case "w": mult = 7 * 24 * 3_600_000_000_000L; break;
                case "y": mult = 365 * 24 * 3_600_000_000_000L; break;
                default: throw new ParseError("time: unknown unit " + Json.quote(unit) + " in duration " + Json.quote(orig));
            }
            BigInteger v = intPart.isEmpty() ? BigInteger.ZERO : new BigInteger(intPart);
            v = v.multiply(BigInteger.valueOf(mult));
            if (!frac.isEmpty()) {
                java.math.BigDecimal f = new java.math.BigDecimal("0." + frac).multiply(java.math.BigDecimal.valueOf(mult));
                v = v.add(f.toBigInteger());
            }
            total = total.add(v);
            if (total.bitLength() > 63) throw new ParseError("time: invalid duration " + Json.quote(orig));
        }
        if (neg) total = total.negate();
        return total.longValueExact();
    }

    static ZonedDateTime atZone(long epochNanos, ZoneId zone) {
        return Instant.ofEpochSecond(Math.floorDiv(epochNanos, 1_000_000_000L), Math.floorMod(epochNanos, 1_000_000_000L)).atZone(zone);
    }

    static String tzDisplay(ZoneId z) {
        return z.getDisplayName(TextStyle.SHORT, Locale.ROOT);
    }
}
