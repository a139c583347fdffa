package dev.gkstudio.gatekeeper.cel;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Kubernetes resource.Quantity as the CEL quantity library exposes it (exact decimal value). */
final class Quantity implements Comparable<Quantity> {
    static final String REGEX_TEXT = "^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$";
    private static final Pattern NUMBER = Pattern.compile("([+-]?)([0-9]*)(?:\\.([0-9]*))?");

    final BigDecimal value;
    private final String text;

    Quantity(BigDecimal value, String text) {
        this.value = value;
        this.text = text;
    }

    /** Parses like resource.ParseQuantity; throws IllegalArgumentException with Kubernetes' wording. */
    static Quantity parse(String s) {
        if (s.isEmpty()) throw new IllegalArgumentException("quantities must match the regular expression '" + REGEX_TEXT + "'");
        int i = 0;
        if (s.charAt(0) == '+' || s.charAt(0) == '-') i = 1;
        while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) i++;
        String num = s.substring(0, i);
        String suffix = s.substring(i);
        Matcher m = NUMBER.matcher(num);
        if (!m.matches() || (m.group(2).isEmpty() && (m.group(3) == null || m.group(3).isEmpty()))) {
            throw new IllegalArgumentException("quantities must match the regular expression '" + REGEX_TEXT + "'");
        }
        BigDecimal n = new BigDecimal((m.group(1).equals("-") ? "-" : "") + (m.group(2).isEmpty() ? "0" : m.group(2))
                + (m.group(3) == null || m.group(3).isEmpty() ? "" : "." + m.group(3)));
        BigDecimal mult;
        switch (suffix) {
            case "" -> mult = BigDecimal.ONE;
            case "Ki" -> mult = new BigDecimal(BigInteger.TWO.pow(10));
            case "Mi" -> mult = new BigDecimal(BigInteger.TWO.pow(20));
            case "Gi" -> mult = new BigDecimal(BigInteger.TWO.pow(30));
            case "Ti" -> mult = new BigDecimal(BigInteger.TWO.pow(40));
            case "Pi" -> mult = new BigDecimal(BigInteger.TWO.pow(50));
            case "Ei" -> mult = new BigDecimal(BigInteger.TWO.pow(60));
            case "n" -> mult = BigDecimal.ONE.scaleByPowerOfTen(-9);
            case "u" -> mult = BigDecimal.ONE.scaleByPowerOfTen(-6);
            case "m" -> mult = BigDecimal.ONE.scaleByPowerOfTen(-3);
            case "k" -> mult = BigDecimal.ONE.scaleByPowerOfTen(3);
            case "M" -> mult = BigDecimal.ONE.scaleByPowerOfTen(6);
            case "G" -> mult = BigDecimal.ONE.scaleByPowerOfTen(9);
            case "T" -> mult = BigDecimal.ONE.scaleByPowerOfTen(12);
            case "P" -> mult = BigDecimal.ONE.scaleByPowerOfTen(15);
            case "E" -> mult = BigDecimal.ONE.scaleByPowerOfTen(18);
            default -> {
                if ((suffix.startsWith("e") || suffix.startsWith("E")) && suffix.length() > 1
                        && suffix.substring(1).matches("[+-]?[0-9]+")) {
                    int exp;
                    try {
                        exp = Integer.parseInt(suffix.substring(1));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("quantities must match the regular expression '" + REGEX_TEXT + "'");
                    }
                    mult = BigDecimal.ONE.scaleByPowerOfTen(exp);
                } else {
                    throw new IllegalArgumentException("unable to parse quantity's suffix");
                }
            }
        }
        return new Quantity(n.multiply(mult), s);
    }

    static boolean isQuantity(String s) {
        try {
            parse(s);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    int sign() {
        return value.signum();
    }

    boolean isInteger() {
        if (value.signum() != 0 && value.stripTrailingZeros().scale() > 0) return false;
        BigInteger bi = value.toBigInteger();
        return bi.bitLength() < 64;
    }

    long asInteger() {
        if (!isInteger()) throw new IllegalArgumentException("cannot convert value to integer");
        return value.toBigInteger().longValue();
    }

    double asApproximateFloat() {
        return value.doubleValue();
    }

    Quantity add(BigDecimal other) {
        return new Quantity(value.add(other), null);
    }

    Quantity sub(BigDecimal other) {
        return new Quantity(value.subtract(other), null);
    }

    @Override
    public int compareTo(Quantity o) {
        return value.compareTo(o.value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Quantity q && value.compareTo(q.value) == 0;
    }

    @Override
    public int hashCode() {
        return value.stripTrailingZeros().hashCode();
    }

    @Override
    public String toString() {
        return text != null ? text : value.stripTrailingZeros().toPlainString();
    }
}
