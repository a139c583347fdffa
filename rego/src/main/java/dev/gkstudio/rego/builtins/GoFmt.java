package dev.gkstudio.rego.builtins;

import dev.gkstudio.rego.value.Json;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A re-implementation of Go's fmt.Sprintf for the argument types OPA's sprintf passes: Go int
 * (Long), *big.Int (BigInteger), float64 (Double) and string (String). Flags, width, precision,
 * argument indexes and Go's error annotations ({@code %!d(string=x)}, MISSING, EXTRA, NOVERB...)
 * follow Go's rules.
 */
final class GoFmt {
    private final StringBuilder buf = new StringBuilder();
    private final List<Object> args;

    // flags of the verb being formatted
    private boolean plus, minus, sharp, space, zero, plusV, sharpV;
    private int wid, prec;
    private boolean widPresent, precPresent;
    private boolean reordered, goodArgNum;

    private GoFmt(List<Object> args) { this.args = args; }

    static String sprintf(String format, List<Object> args) {
        GoFmt p = new GoFmt(args);
        p.doPrintf(format);
        return p.buf.toString();
    }

    private void clearFlags() {
        plus = minus = sharp = space = zero = plusV = sharpV = false;
        wid = prec = 0;
        widPresent = precPresent = false;
    }

    private int[] parseNum(String s, int start, int end) {
        // returns {num, isnum(0/1), newi}
        if (start >= end) return new int[] {0, 0, end};
        int num = 0, i = start;
        boolean isnum = false;
        for (; i < end && s.charAt(i) >= '0' && s.charAt(i) <= '9'; i++) {
            if (num > 1_000_000 || num < -1_000_000) return new int[] {0, 0, end};
            num = num * 10 + (s.charAt(i) - '0');
            isnum = true;
        }
        return new int[] {num, isnum ? 1 : 0, i};
    }

    /** returns {argNum, i, afterIndex(0/1)} */
    private int[] argNumber(int argNum, String format, int i, int numArgs) {
        if (format.length() <= i || format.charAt(i) != '[') return new int[] {argNum, i, 0};
        reordered = true;
        // parseArgNumber on format[i:]
        String f = format.substring(i);
        int index = 0, w = 1;
        boolean ok = false;
        if (f.length() >= 3) {
            for (int j = 1; j < f.length(); j++) {
                if (f.charAt(j) == ']') {
                    int[] n = parseNum(f, 1, j);
                    if (n[1] == 0 || n[2] != j) { index = 0; w = j + 1; ok = false; }
                    else { index = n[0] - 1; w = j + 1; ok = true; }
                    break;
                }
            }
        }
        if (ok && index >= 0 && index < numArgs) return new int[] {index, i + w, 1};
        goodArgNum = false;
        return new int[] {argNum, i + w, ok ? 1 : 0};
    }

    private void doPrintf(String format) {
        int end = format.length();
        int argNum = 0;
        boolean afterIndex;
        reordered = false;
        formatLoop:
        for (int i = 0; i < end; ) {
            goodArgNum = true;
            int lasti = i;
            while (i < end && format.charAt(i) != '%') i++;
            if (i > lasti) buf.append(format, lasti, i);
            if (i >= end) break;
            i++;
            clearFlags();
            simple:
            for (; i < end; i++) {
                char c = format.charAt(i);
                switch (c) {
                    case '#': sharp = true; break;
                    case '0': zero = !minus; break;
                    case '+': plus = true; break;
                    case '-': minus = true; zero = false; break;
                    case ' ': space = true; break;
                    default:
                        if (c >= 'a' && c <= 'z' && argNum < args.size()) {
                            if (c == 'v') {
                                sharpV = sharp; sharp = false;
                                plusV = plus; plus = false;
                            }
                            printArg(args.get(argNum), c);
                            argNum++;
                            i++;
                            continue formatLoop;
                        }
                        break simple;
                }
            }
            int[] an = argNumber(argNum, format, i, args.size());
            argNum = an[0]; i = an[1]; afterIndex = an[2] == 1;
            if (i < end && format.charAt(i) == '*') {
                i++;
                Object[] r = intFromArg(argNum);
                wid = (Integer) r[0]; widPresent = (Boolean) r[1]; argNum = (Integer) r[2];
                if (!widPresent) buf.append("%!(BADWIDTH)");
                if (wid < 0) { wid = -wid; minus = true; zero = false; }
                afterIndex = false;
            } else {
                int[] n = parseNum(format, i, end);
                wid = n[0]; widPresent = n[1] == 1; i = n[2];
                if (afterIndex && widPresent) goodArgNum = false;
            }
            if (i + 1 < end && format.charAt(i) == '.') {
                i++;
                if (afterIndex) goodArgNum = false;
                an = argNumber(argNum, format, i, args.size());
                argNum = an[0]; i = an[1]; afterIndex = an[2] == 1;
                if (i < end && format.charAt(i) == '*') {
                    i++;
                    Object[] r = intFromArg(argNum);
                    prec = (Integer) r[0]; precPresent = (Boolean) r[1]; argNum = (Integer) r[2];
                    if (prec < 0) { prec = 0; precPresent = false; }
                    if (!precPresent) buf.append("%!(BADPREC)");
                    afterIndex = false;
                } else {
                    int[] n = parseNum(format, i, end);
                    prec = n[0]; precPresent = n[1] == 1; i = n[2];
                    if (!precPresent) { prec = 0; precPresent = true; }
                }
            }
            if (!afterIndex) {
                an = argNumber(argNum, format, i, args.size());
                argNum = an[0]; i = an[1]; afterIndex = an[2] == 1;
            }
            if (i >= end) {
                buf.append("%!(NOVERB)");
                break;
            }
            int verb = format.codePointAt(i);
            i += Character.charCount(verb);
            if (verb == '%') {
                buf.append('%');
            } else if (!goodArgNum) {
                buf.append("%!").appendCodePoint(verb).append("(BADINDEX)");
            } else if (argNum >= args.size()) {
                buf.append("%!").appendCodePoint(verb).append("(MISSING)");
            } else {
                if (verb == 'v') {
                    sharpV = sharp; sharp = false;
                    plusV = plus; plus = false;
                }
                printArg(args.get(argNum), verb);
                argNum++;
            }
        }
        if (!reordered && argNum < args.size()) {
            clearFlags();
            buf.append("%!(EXTRA ");
            for (int k = argNum; k < args.size(); k++) {
                if (k > argNum) buf.append(", ");
                Object arg = args.get(k);
                buf.append(typeName(arg)).append('=');
                printArg(arg, 'v');
            }
            buf.append(')');
        }
    }

    private Object[] intFromArg(int argNum) {
        int num = 0;
        boolean isInt = false;
        int newArgNum = argNum;
        if (argNum < args.size()) {
            Object a = args.get(argNum);
            if (a instanceof Long l) {
                if (l > 1_000_000 || l < -1_000_000) { num = 0; isInt = false; }
                else { num = (int) (long) l; isInt = true; }
            }
            newArgNum = argNum + 1;
        }
        return new Object[] {num, isInt, newArgNum};
    }

    static String typeName(Object o) {
        if (o instanceof Long) return "int";
        if (o instanceof BigInteger) return "*big.Int";
        if (o instanceof Double) return "float64";
        return "string";
    }

    private void printArg(Object arg, int verb) {
        if (verb == 'T') {
            fmtS(typeName(arg));
            return;
        }
        if (arg instanceof Long l) {
            fmtInteger(l, verb);
        } else if (arg instanceof BigInteger b) {
            bigFormat(b, verb);
        } else if (arg instanceof Double d) {
            switch (verb) {
                case 'v': fmtFloat(d, 'g', -1); break;
                case 'b': case 'g': case 'G': case 'x': case 'X': fmtFloat(d, verb, -1); break;
                case 'f': case 'e': case 'E': case 'F': fmtFloat(d, verb, 6); break;
                default: badVerb(arg, verb);
            }
        } else {
            String s = (String) arg;
            switch (verb) {
                case 'v':
                    if (sharpV) fmtQ(s); else fmtS(s);
                    break;
                case 's': fmtS(s); break;
                case 'x': fmtSx(s, false); break;
                case 'X': fmtSx(s, true); break;
                case 'q': fmtQ(s); break;
                default: badVerb(arg, verb);
            }
        }
    }

    private void badVerb(Object arg, int verb) {
        buf.append("%!").appendCodePoint(verb).append('(').append(typeName(arg)).append('=');
        printArg(arg, 'v');
        buf.append(')');
    }

    // ---- padding

    private void writePadding(int n) {
        if (n <= 0) return;
        Limits.checkLength((long) buf.length() + n);
        char pad = zero ? '0' : ' ';
        for (int k = 0; k < n; k++) buf.append(pad);
    }

    private void pad(String s) {
        if (!widPresent || wid == 0) {
            buf.append(s);
            return;
        }
        int width = wid - s.codePointCount(0, s.length());
        if (!minus) {
            writePadding(width);
            buf.append(s);
        } else {
            buf.append(s);
            writePadding(width);
        }
    }

    // ---- strings

    private String truncate(String s) {
        if (precPresent) {
            int n = s.codePointCount(0, s.length());
            if (prec < n) return s.substring(0, s.offsetByCodePoints(0, prec));
        }
        return s;
    }

    private void fmtS(String s) {
        pad(truncate(s));
    }

    private void fmtQ(String s) {
        s = truncate(s);
        if (sharp && canBackquote(s)) {
            pad("`" + s + "`");
            return;
        }
        pad(plus ? quoteAscii(s) : Json.quote(s));
    }

    private static boolean canBackquote(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '`' || c == '\uFEFF' || (c < ' ' && c != '\t') || c == 0x7f) return false;
        }
        return true;
    }

    static String quoteAscii(String s) {
        String q = Json.quote(s);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < q.length(); ) {
            int cp = q.codePointAt(i);
            i += Character.charCount(cp);
            if (cp < 0x80) sb.append((char) cp);
            else if (cp <= 0xFFFF) sb.append(String.format("\\u%04x", cp));
            else sb.append(String.format("\\U%08x", cp));
        }
        return sb.toString();
    }

    private void fmtSx(String s, boolean upper) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        int length = b.length;
        if (precPresent && prec < length) length = prec;
        String digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
        StringBuilder out = new StringBuilder();
        if (length <= 0) {
            if (widPresent) writePadding(wid);
            return;
        }
        for (int i = 0; i < length; i++) {
            if (space && i > 0) out.append(' ');
            if (sharp && (space || i == 0)) out.append('0').append(upper ? 'X' : 'x');
            int c = b[i] & 0xff;
            out.append(digits.charAt(c >> 4)).append(digits.charAt(c & 0xf));
        }
        pad(out.toString());
    }

    // ---- integers

    private void fmtInteger(long v, int verb) {
        switch (verb) {
            case 'v': case 'd': integer(BigInteger.valueOf(v), 10, verb, false); break;
            case 'b': integer(BigInteger.valueOf(v), 2, verb, false); break;
            case 'o': case 'O': integer(BigInteger.valueOf(v), 8, verb, false); break;
            case 'x': integer(BigInteger.valueOf(v), 16, verb, false); break;
            case 'X': integer(BigInteger.valueOf(v), 16, verb, true); break;
            case 'c': {
                int r = v < 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF) ? 0xFFFD : (int) v;
                pad(new String(Character.toChars(r)));
                break;
            }
            case 'q': {
                int r = v < 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF) ? 0xFFFD : (int) v;
                pad(quoteRune(r, plus));
                break;
            }
            case 'U': {
                String h = Long.toHexString(v).toUpperCase();
                int p = precPresent && prec > 4 ? prec : 4;
                StringBuilder sb = new StringBuilder("U+");
                for (int k = h.length(); k < p; k++) sb.append('0');
                sb.append(h);
                if (sharp && v >= 0 && v <= 0x10FFFF && isPrint((int) v)) {
                    sb.append(" '").appendCodePoint((int) v).append('\'');
                }
                boolean oz = zero;
                zero = false;
                pad(sb.toString());
                zero = oz;
                break;
            }
            default: badVerb(v, verb);
        }
    }

    private static boolean isPrint(int cp) {
        String q = Json.quote(new String(Character.toChars(cp)));
        return q.length() == 2 + Character.charCount(cp) || cp == '"' || cp == '\\';
    }

    static String quoteRune(int r, boolean ascii) {
        String s;
        if (r == '\'') s = "\\'";
        else if (r == '"') s = "\"";
        else {
            String q = Json.quote(new String(Character.toChars(r)));
            s = q.substring(1, q.length() - 1);
            if (ascii) s = quoteAscii(new String(Character.toChars(r)));
            if (ascii) s = s.substring(1, s.length() - 1);
        }
        return "'" + s + "'";
    }

    /** Go's fmt.fmtInteger for any integer size. */
    private void integer(BigInteger v, int base, int verb, boolean upper) {
        boolean negative = v.signum() < 0;
        String digits = v.abs().toString(base);
        if (upper) digits = digits.toUpperCase();
        int precision = 0;
        if (precPresent) {
            precision = prec;
            if (precision == 0 && v.signum() == 0) {
                boolean oz = zero;
                zero = false;
                writePadding(wid);
                zero = oz;
                return;
            }
        } else if (zero && !minus && widPresent) {
            precision = wid;
            if (negative || plus || space) precision--;
        }
        StringBuilder sb = new StringBuilder();
        for (int k = digits.length(); k < precision; k++) sb.append('0');
        sb.append(digits);
        String body = sb.toString();
        String prefix = "";
        if (sharp) {
            switch (base) {
                case 2: prefix = "0b"; break;
                case 8: if (body.charAt(0) != '0') prefix = "0"; break;
                case 16: prefix = upper ? "0X" : "0x"; break;
                default:
            }
        }
        if (verb == 'O') prefix = "0o" + prefix;
        String sign = negative ? "-" : plus ? "+" : space ? " " : "";
        boolean oz = zero;
        zero = false;
        pad(sign + prefix + body);
        zero = oz;
    }

    /** math/big's Int.Format. */
    private void bigFormat(BigInteger x, int verb) {
        int base;
        switch (verb) {
            case 'b': base = 2; break;
            case 'o': case 'O': base = 8; break;
            case 'd': case 's': case 'v': base = 10; break;
            case 'x': case 'X': base = 16; break;
            default:
                buf.append("%!").appendCodePoint(verb).append("(big.Int=").append(x).append(')');
                return;
        }
        boolean fPlus = plus || plusV, fSharp = sharp || sharpV;
        String sign = x.signum() < 0 ? "-" : fPlus ? "+" : space ? " " : "";
        String prefix = "";
        if (fSharp) {
            switch (verb) {
                case 'b': prefix = "0b"; break;
                case 'o': prefix = "0"; break;
                case 'x': prefix = "0x"; break;
                case 'X': prefix = "0X"; break;
                default:
            }
        }
        if (verb == 'O') prefix = "0o";
        String digits = x.abs().toString(base);
        if (verb == 'X') digits = digits.toUpperCase();
        int left = 0, zeros = 0, right = 0;
        if (precPresent) {
            if (digits.length() < prec) zeros = prec - digits.length();
            else if (digits.equals("0") && prec == 0) return;
        }
        int length = sign.length() + prefix.length() + zeros + digits.length();
        if (widPresent && length < wid) {
            int d = wid - length;
            if (minus) right = d;
            else if (zero && !precPresent) zeros = d;
            else left = d;
        }
        buf.append(" ".repeat(left)).append(sign).append(prefix).append("0".repeat(zeros)).append(digits)
                .append(" ".repeat(right));
    }

    // ---- floats

    private void fmtFloat(double v, int verb, int precision) {
        if (precPresent) precision = prec;
        String num = formatFloat(v, verb, precision);
        if (num.charAt(0) != '-' && num.charAt(0) != '+') num = "+" + num;
        if (space && num.charAt(0) == '+' && !plus) num = " " + num.substring(1);
        if (num.charAt(1) == 'I' || num.charAt(1) == 'N') {
            boolean oz = zero;
            zero = false;
            if (num.charAt(1) == 'N' && !space && !plus) num = num.substring(1);
            if (plus || num.charAt(0) != '+') pad(num); else pad(num.substring(1));
            zero = oz;
            return;
        }
        if (plus || num.charAt(0) != '+') {
            if (zero && !minus && widPresent && wid > num.length()) {
                buf.append(num.charAt(0));
                writePadding(wid - num.length());
                buf.append(num, 1, num.length());
                return;
            }
            pad(num);
            return;
        }
        pad(num.substring(1));
    }

    /** Decimal digits (no trailing zeros) and the decimal point position, as Go's strconv keeps them. */
    private record Digits(String d, int dp) {
        static Digits of(BigDecimal x) {
            if (x.signum() == 0) return new Digits("", 0);
            x = x.abs().stripTrailingZeros();
            String s = x.unscaledValue().toString();
            return new Digits(s, s.length() - x.scale());
        }
    }

    /** Go's strconv.FormatFloat(v, fmt, prec, 64). */
    static String formatFloat(double v, int fmt, int prec) {
        if (Double.isNaN(v)) return "NaN";
        if (Double.isInfinite(v)) return v > 0 ? "+Inf" : "-Inf";
        boolean neg = v < 0 || (v == 0 && 1 / v < 0);
        if (fmt == 'b' || fmt == 'x' || fmt == 'X') {
            return formatBinary(v, fmt, prec);
        }
        BigDecimal exact = new BigDecimal(Math.abs(v));
        boolean shortest = prec < 0;
        Digits digs;
        if (shortest) {
            digs = Digits.of(shortestDecimal(Math.abs(v)));
            switch (fmt) {
                case 'e': case 'E': prec = Math.max(digs.d.length() - 1, 0); break;
                case 'f': case 'F': prec = Math.max(digs.d.length() - digs.dp, 0); break;
                default: prec = digs.d.length();
            }
        } else {
            switch (fmt) {
                case 'e': case 'E':
                    digs = Digits.of(roundSig(exact, prec + 1));
                    break;
                case 'f': case 'F':
                    digs = Digits.of(exact.setScale(prec, RoundingMode.HALF_EVEN));
                    break;
                default:
                    if (prec == 0) prec = 1;
                    digs = Digits.of(roundSig(exact, prec));
            }
        }
        StringBuilder sb = new StringBuilder();
        if (neg) sb.append('-');
        switch (fmt) {
            case 'e': case 'E':
                fmtE(sb, digs, prec, fmt);
                break;
            case 'f': case 'F':
                fmtF(sb, digs, prec);
                break;
            default: {
                int eprec = prec;
                if (eprec > digs.d.length() && digs.d.length() >= digs.dp) eprec = digs.d.length();
                if (shortest) eprec = 6;
                int exp = digs.dp - 1;
                if (digs.d.isEmpty()) exp = 0;
                if (exp < -4 || exp >= eprec) {
                    if (prec > digs.d.length()) prec = digs.d.length();
                    fmtE(sb, digs, prec - 1, fmt + 'e' - 'g');
                } else {
                    if (prec > digs.dp) prec = digs.d.length();
                    fmtF(sb, digs, Math.max(prec - digs.dp, 0));
                }
            }
        }
        return sb.toString();
    }

    private static BigDecimal roundSig(BigDecimal x, int n) {
        if (x.signum() == 0) return x;
        return x.round(new MathContext(n, RoundingMode.HALF_EVEN));
    }

    static BigDecimal shortestDecimal(double v) {
        if (v == 0) return BigDecimal.ZERO;
        BigDecimal exact = new BigDecimal(v);
        for (int n = 1; n <= 17; n++) {
            BigDecimal d = exact.round(new MathContext(n, RoundingMode.HALF_EVEN));
            if (Double.parseDouble(d.toString()) == v) return d;
        }
        return exact;
    }

    private static void fmtE(StringBuilder sb, Digits d, int prec, int fmt) {
        sb.append(d.d.isEmpty() ? '0' : d.d.charAt(0));
        if (prec > 0) {
            sb.append('.');
            int i = 1;
            int m = Math.min(d.d.length(), prec + 1);
            if (i < m) {
                sb.append(d.d, i, m);
                i = m;
            }
            for (; i <= prec; i++) sb.append('0');
        }
        sb.append((char) fmt);
        int exp = d.dp - 1;
        if (d.d.isEmpty()) exp = 0;
        if (exp < 0) { sb.append('-'); exp = -exp; } else sb.append('+');
        if (exp < 10) sb.append('0');
        sb.append(exp);
    }

    private static void fmtF(StringBuilder sb, Digits d, int prec) {
        if (d.dp > 0) {
            int m = Math.min(d.d.length(), d.dp);
            sb.append(d.d, 0, m);
            for (; m < d.dp; m++) sb.append('0');
        } else {
            sb.append('0');
        }
        if (prec > 0) {
            sb.append('.');
            for (int i = 1; i <= prec; i++) {
                int j = d.dp + i - 1;
                sb.append(j >= 0 && j < d.d.length() ? d.d.charAt(j) : '0');
            }
        }
    }

    private static String formatBinary(double v, int fmt, int prec) {
        long bits = Double.doubleToRawLongBits(v);
        boolean neg = bits < 0;
        int exp = (int) ((bits >>> 52) & 0x7ff);
        long mant = bits & ((1L << 52) - 1);
        if (fmt == 'b') {
            if (exp == 0) exp++; else mant |= 1L << 52;
            exp += -1023 - 52;
            return (neg ? "-" : "") + mant + "p" + (exp >= 0 ? "+" : "") + exp;
        }
        // %x: hexadecimal mantissa and binary exponent, as Go writes it.
        if (v == 0) {
            StringBuilder sb = new StringBuilder(neg ? "-" : "").append(fmt == 'X' ? "0X0" : "0x0");
            if (prec > 0) sb.append('.').append("0".repeat(prec));
            return sb.append(fmt == 'X' ? "P+00" : "p+00").toString();
        }
        if (exp == 0) {
            exp = 1;
        } else {
            mant |= 1L << 52;
        }
        exp -= 1023 + 52;
        // normalize so that mant has its top bit at bit 60 (1 hex digit + 15 hex fraction digits)
        while ((mant & (1L << 52)) == 0) { mant <<= 1; exp--; }
        mant <<= 8; // 1 + 60 bits
        exp += 52 + 8 - 60;
        int shift = 60;
        if (prec >= 0 && prec < 15) {
            int drop = 4 * (15 - prec);
            long extra = mant & ((1L << drop) - 1);
            mant >>>= drop;
            long half = 1L << (drop - 1);
            if (extra > half || (extra == half && (mant & 1) == 1)) mant++;
            shift -= drop;
            if ((mant >>> shift) > 1) { mant >>>= 1; exp++; }
        }
        String hex = fmt == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
        StringBuilder sb = new StringBuilder(neg ? "-" : "");
        sb.append('0').append(fmt == 'X' ? 'X' : 'x').append((char) ('0' + ((mant >>> shift) & 1)));
        mant <<= 64 - shift;
        if (prec < 0 && mant != 0) {
            sb.append('.');
            while (mant != 0) {
                sb.append(hex.charAt((int) ((mant >>> 60) & 0xf)));
                mant <<= 4;
            }
        } else if (prec > 0) {
            sb.append('.');
            for (int i = 0; i < prec; i++) {
                sb.append(hex.charAt((int) ((mant >>> 60) & 0xf)));
                mant <<= 4;
            }
        }
        sb.append(fmt == 'X' ? 'P' : 'p');
        exp += shift - 60 + 60 - 60;
        exp += 0;
        int e = exp + shift;
        if (e < 0) { sb.append('-'); e = -e; } else sb.append('+');
        if (e < 10) sb.append('0');
        sb.append(e);
        return sb.toString();
    }
}
