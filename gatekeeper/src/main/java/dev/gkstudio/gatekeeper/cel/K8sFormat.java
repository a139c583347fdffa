package dev.gkstudio.gatekeeper.cel;

import dev.cel.runtime.CelEvaluationException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kubernetes' named string formats ({@code format.dns1123Label()}, {@code format.named("uuid")}, ...) of the
 * {@code format} CEL library, with apimachinery's validation messages and kube-openapi's strfmt checks.
 */
final class K8sFormat {
    /** A named format ({@code kubernetes.NamedFormat}); formats compare by name. */
    record Format(String name, Validator validator) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Format f && f.name.equals(name);
        }

        @Override
        public int hashCode() {
            return name.hashCode();
        }

        @Override
        public String toString() {
            return name;
        }
    }

    @FunctionalInterface
    interface Validator {
        List<String> validate(String s) throws CelEvaluationException;
    }

    private static final String DNS1123_LABEL_FMT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    private static final String DNS1123_SUBDOMAIN_FMT = DNS1123_LABEL_FMT + "(\\." + DNS1123_LABEL_FMT + ")*";
    private static final String DNS1035_LABEL_FMT = "[a-z]([-a-z0-9]*[a-z0-9])?";
    private static final String QUALIFIED_NAME_FMT = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
    private static final String LABEL_VALUE_FMT = "(" + QUALIFIED_NAME_FMT + ")?";
    private static final Pattern DNS1123_LABEL = Pattern.compile(DNS1123_LABEL_FMT);
    private static final Pattern DNS1123_SUBDOMAIN = Pattern.compile(DNS1123_SUBDOMAIN_FMT);
    private static final Pattern DNS1035_LABEL = Pattern.compile(DNS1035_LABEL_FMT);
    private static final Pattern QUALIFIED_NAME = Pattern.compile(QUALIFIED_NAME_FMT);
    private static final Pattern LABEL_VALUE = Pattern.compile(LABEL_VALUE_FMT);
    private static final Pattern UUID = Pattern.compile("(?i)[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}");
    private static final Pattern BASE64 = Pattern.compile(
            "(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{4})");
    private static final Pattern DATE = Pattern.compile("([0-9]{4})-([0-9]{2})-([0-9]{2})");
    private static final Pattern TIME = Pattern.compile("([0-9]{2}):([0-9]{2}):([0-9]{2})([^\\n][0-9]+)?(z|([+-][0-9]{2}:[0-9]{2}))");

    /** The formats by their {@code format.named} name, in Kubernetes' order. */
    static final Map<String, Format> FORMATS = new LinkedHashMap<>();

    static {
        add("dns1123Label", "DNS1123Label", s -> dns1123Label(s, false));
        add("dns1123Subdomain", "DNS1123Subdomain", s -> dns1123Subdomain(s, false));
        add("dns1035Label", "DNS1035Label", s -> dns1035Label(s, false));
        add("qualifiedName", "QualifiedName", K8sFormat::qualifiedName);
        add("dns1123LabelPrefix", "DNS1123LabelPrefix", s -> dns1123Label(s, true));
        add("dns1123SubdomainPrefix", "DNS1123SubdomainPrefix", s -> dns1123Subdomain(s, true));
        add("dns1035LabelPrefix", "DNS1035LabelPrefix", s -> dns1035Label(s, true));
        add("labelValue", "LabelValue", K8sFormat::labelValue);
        add("uri", "URI", K8sFormat::uri);
        add("uuid", "uuid", s -> UUID.matcher(s).matches() ? List.of() : List.of("does not match the UUID format"));
        add("byte", "byte", s -> BASE64.matcher(s).matches() ? List.of() : List.of("invalid base64"));
        add("date", "date", s -> isDate(s) ? List.of() : List.of("invalid date"));
        add("datetime", "datetime", s -> isDateTime(s) ? List.of() : List.of("invalid datetime"));
    }

    private K8sFormat() {
    }

    private static void add(String key, String name, Validator v) {
        FORMATS.put(key, new Format(name, v));
    }

    /** A string as Go sees it: its UTF-8 length and its text. */
    private record GoString(String text, int bytes) {
        static GoString of(String s) {
            return new GoString(s, s.getBytes(StandardCharsets.UTF_8).length);
        }
    }

    /**
     * apimachinery's maskTrailingDash: a name ending in '-' loses its last two bytes and gains an 'a' (a lone "-"
     * panics in Kubernetes, which cel-go reports as an internal error).
     */
    private static GoString maskTrailingDash(String s, boolean prefix) throws CelEvaluationException {
        if (!prefix || !s.endsWith("-")) return GoString.of(s);
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length < 2) throw new CelEvaluationException("internal error: runtime error: slice bounds out of range [:-1]");
        byte[] out = new byte[b.length - 1];
        System.arraycopy(b, 0, out, 0, b.length - 2);
        out[out.length - 1] = 'a';
        return new GoString(new String(out, StandardCharsets.UTF_8), out.length);
    }

    private static String maxLen(int n) {
        return "must be no more than " + n + " characters";
    }

    private static String regexError(String msg, String fmt, String... examples) {
        StringBuilder sb = new StringBuilder(msg).append(" (e.g. ");
        for (int i = 0; i < examples.length; i++) {
            if (i > 0) sb.append(" or ");
            sb.append('\'').append(examples[i]).append("', ");
        }
        return sb.append("regex used for validation is '").append(fmt).append("')").toString();
    }

    private static List<String> dns1123Label(String s, boolean prefix) throws CelEvaluationException {
        return dns1123Label(maskTrailingDash(s, prefix));
    }

    private static List<String> dns1123Label(GoString v) {
        List<String> errs = new ArrayList<>();
        if (v.bytes > 63) errs.add(maxLen(63));
        if (!DNS1123_LABEL.matcher(v.text).matches()) {
            if (DNS1123_SUBDOMAIN.matcher(v.text).matches()) {
                errs.add("must not contain dots");
            } else {
                errs.add(regexError("a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', "
                        + "and must start and end with an alphanumeric character", DNS1123_LABEL_FMT, "my-name", "123-abc"));
            }
        }
        return errs;
    }

    private static List<String> dns1123Subdomain(String s, boolean prefix) throws CelEvaluationException {
        return dns1123Subdomain(maskTrailingDash(s, prefix));
    }

    private static List<String> dns1123Subdomain(GoString v) {
        List<String> errs = new ArrayList<>();
        if (v.bytes > 253) errs.add(maxLen(253));
        if (!DNS1123_SUBDOMAIN.matcher(v.text).matches()) {
            errs.add(regexError("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', "
                    + "and must start and end with an alphanumeric character", DNS1123_SUBDOMAIN_FMT, "example.com"));
        }
        return errs;
    }

    private static List<String> dns1035Label(String s, boolean prefix) throws CelEvaluationException {
        GoString v = maskTrailingDash(s, prefix);
        List<String> errs = new ArrayList<>();
        if (v.bytes > 63) errs.add(maxLen(63));
        if (!DNS1035_LABEL.matcher(v.text).matches()) {
            errs.add(regexError("a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an "
                    + "alphabetic character, and end with an alphanumeric character", DNS1035_LABEL_FMT, "my-name", "abc-123"));
        }
        return errs;
    }

    private static final String QUALIFIED_NAME_MSG =
            "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

    private static List<String> qualifiedName(String value) {
        List<String> errs = new ArrayList<>();
        String[] parts = value.split("/", -1);
        String name;
        if (parts.length == 1) {
            name = parts[0];
        } else if (parts.length == 2) {
            name = parts[1];
            if (parts[0].isEmpty()) {
                errs.add("prefix part must be non-empty");
            } else {
                for (String m : dns1123Subdomain(GoString.of(parts[0]))) errs.add("prefix part " + m);
            }
        } else {
            errs.add("a qualified name " + regexError(QUALIFIED_NAME_MSG, QUALIFIED_NAME_FMT, "MyName", "my.name", "123-abc")
                    + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
            return errs;
        }
        if (name.isEmpty()) {
            errs.add("name part must be non-empty");
        } else if (GoString.of(name).bytes > 63) {
            errs.add("name part " + maxLen(63));
        }
        if (!QUALIFIED_NAME.matcher(name).matches()) {
            errs.add("name part " + regexError(QUALIFIED_NAME_MSG, QUALIFIED_NAME_FMT, "MyName", "my.name", "123-abc"));
        }
        return errs;
    }

    private static List<String> labelValue(String value) {
        List<String> errs = new ArrayList<>();
        if (GoString.of(value).bytes > 63) errs.add(maxLen(63));
        if (!LABEL_VALUE.matcher(value).matches()) {
            errs.add(regexError("a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', "
                    + "and must start and end with an alphanumeric character", LABEL_VALUE_FMT, "MyValue", "my_value", "12345"));
        }
        return errs;
    }

    /** url.ParseRequestURI's error, as in {@code parse "x": invalid URI for request}. */
    private static List<String> uri(String s) {
        try {
            K8sLibrary.url(s);
            return List.of();
        } catch (CelEvaluationException e) {
            String m = e.getMessage();
            String prefix = "URL parse error during conversion from string: ";
            int at = m.indexOf(prefix);
            return List.of(at >= 0 ? m.substring(at + prefix.length()) : m);
        }
    }

    /** Go's time.Parse("2006-01-02", s). */
    static boolean isDate(String s) {
        Matcher m = DATE.matcher(s);
        if (!m.matches()) return false;
        try {
            LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }

    /** strfmt.IsDateTime: a date, "t", then hh:mm:ss[.frac](z|±hh:mm), compared as in kube-openapi. */
    static boolean isDateTime(String str) {
        if (str.length() < 4) return false;
        String[] s = lowerAscii(str).split("t", -1);
        if (s.length < 2 || !isDate(s[0])) return false;
        Matcher m = TIME.matcher(s[1]);
        if (!m.matches()) return false;
        return m.group(1).compareTo("23") <= 0 && m.group(2).compareTo("59") <= 0 && m.group(3).compareTo("59") <= 0;
    }

    private static String lowerAscii(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            sb.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : Character.toLowerCase(c));
        }
        return sb.toString();
    }
}
