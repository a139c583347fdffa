package dev.gkstudio.rego.builtins;

import dev.gkstudio.rego.value.NumberValue;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Map;

/** units.parse (SI and binary SI, Kubernetes-style quantities) and units.parse_bytes. */
final class UnitsBuiltins {
    private UnitsBuiltins() {}

    private static final int MAX_EXPONENT_DIGITS = 6;

    static void register(Map<String, BuiltinFunction> t) {
        t.put("units.parse", (c, a) -> parse(Args.str("units.parse", a, 0)));
        t.put("units.parse_bytes", (c, a) -> parseBytes(Args.str("units.parse_bytes", a, 0)));
    }

    private static BigDecimal pow(long base, int n) {
        return new BigDecimal(BigInteger.valueOf(base).pow(n));
    }

    static NumberValue parse(String raw) {
        String b = "units.parse";
        String s = raw.replace("\"", "");
        if (s.contains(" ")) throw Args.err(b, "spaces not allowed in resource strings");
        String[] nu = split(s);
        if (nu == null) throw Args.err(b, "exponent too large");
        if (nu[0].isEmpty()) throw Args.err(b, "no amount provided");
        String unit = nu[1];
        if (unit.length() > 1) unit = unit.charAt(0) + unit.substring(1).toLowerCase(Locale.ROOT);
        BigDecimal mul;
        switch (unit) {
            case "m": mul = new BigDecimal(0.001); break;
            case "": mul = BigDecimal.ONE; break;
            case "k": case "K": mul = pow(1000, 1); break;
            case "ki": case "Ki": mul = pow(1024, 1); break;
            case "M": mul = pow(1000, 2); break;
            case "mi": case "Mi": mul = pow(1024, 2); break;
            case "g": case "G": mul = pow(1000, 3); break;
            case "gi": case "Gi": mul = pow(1024, 3); break;
            case "t": case "T": mul = pow(1000, 4); break;
            case "ti": case "Ti": mul = pow(1024, 4); break;
            case "p": case "P": mul = pow(1000, 5); break;
            case "pi": case "Pi": mul = pow(1024, 5); break;
            case "e": case "E": mul = pow(1000, 6); break;
            case "ei": case "Ei": mul = pow(1024, 6); break;
            default: throw Args.err(b, "unit " + unit + " not recognized");
        }
        BigDecimal num = ratString(nu[0]);
        if (num == null) throw Args.err(b, "could not parse amount to a number");
        BigDecimal r = num.multiply(mul);
        if (r.signum() == 0 || r.stripTrailingZeros().scale() <= 0) return NumberValue.of(r.toBigIntegerExact());
        return NumberValue.parse(r.setScale(10, RoundingMode.HALF_UP).toPlainString());
    }

    static NumberValue parseBytes(String raw) {
        String b = "units.parse_bytes";
        String s = raw.toLowerCase(Locale.ROOT).replace("\"", "");
        if (s.contains(" ")) throw Args.err(b, "spaces not allowed in resource strings");
        String[] nu = split(s);
        if (nu == null) throw Args.err(b, "exponent too large");
        if (nu[0].isEmpty()) throw Args.err(b, "no byte amount provided");
        BigDecimal mul;
        switch (nu[1]) {
            case "": mul = BigDecimal.ONE; break;
            case "kb": case "k": mul = pow(1000, 1); break;
            case "kib": case "ki": mul = pow(1024, 1); break;
            case "mb": case "m": mul = pow(1000, 2); break;
            case "mib": case "mi": mul = pow(1024, 2); break;
            case "gb": case "g": mul = pow(1000, 3); break;
            case "gib": case "gi": mul = pow(1024, 3); break;
            case "tb": case "t": mul = pow(1000, 4); break;
            case "tib": case "ti": mul = pow(1024, 4); break;
            case "pb": case "p": mul = pow(1000, 5); break;
            case "pib": case "pi": mul = pow(1024, 5); break;
            case "eb": case "e": mul = pow(1000, 6); break;
            case "eib": case "ei": mul = pow(1024, 6); break;
            default: throw Args.err(b, "byte unit " + nu[1] + " not recognized");
        }
        BigDecimal num = ratString(nu[0]);
        if (num == null) throw Args.err(b, "could not parse byte amount to a number");
        BigDecimal r = GoFloat.mul(GoFloat.of(num), mul);
        return NumberValue.of(r.toBigInteger());
    }

    /** A decimal number as Go's big.Rat/big.Float SetString accept it (sign, digits, '.', exponent). */
    private static BigDecimal ratString(String s) {
        if (!s.matches("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?")) return null;
        try {
            return new BigDecimal(s.startsWith("+") ? s.substring(1) : s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** OPA's extractNumAndUnit; null when the exponent has too many digits. */
    private static String[] split(String s) {
        int first = -1;
        for (int i = 0; i < s.length(); i++) {
            char r = s.charAt(i);
            boolean isNum = (r >= '0' && r <= '9') || r == '.';
            if (!isNum && r != 'e' && r != 'E' && r != '+' && r != '-') {
                first = i;
                break;
            }
            if (r == 'e' || r == 'E') {
                if (i == s.length() - 1 || (!Character.isDigit(s.charAt(i + 1)) && s.charAt(i + 1) != '+' && s.charAt(i + 1) != '-')) {
                    first = i;
                    break;
                }
                if (s.charAt(i + 1) == '+' || s.charAt(i + 1) == '-') i++;
                int st = i + 1, en = st;
                while (en < s.length() && Character.isDigit(s.charAt(en))) en++;
                if (en - st > MAX_EXPONENT_DIGITS) return null;
            }
        }
        if (first == -1) return new String[] {s, ""};
        if (first == 0) return new String[] {"", s};
        return new String[] {s.substring(0, first), s.substring(first)};
    }
}
