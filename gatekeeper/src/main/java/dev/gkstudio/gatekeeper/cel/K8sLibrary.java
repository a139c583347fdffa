package dev.gkstudio.gatekeeper.cel;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.OpaqueType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.types.TypeParamType;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Kubernetes CEL libraries a ValidatingAdmissionPolicy environment has (k8s.io/apiserver/pkg/cel/library):
 * lists ({@code isSorted}, {@code sum}, {@code min}, {@code max}, {@code indexOf}, {@code lastIndexOf}),
 * regex ({@code find}, {@code findAll}), URLs ({@code url}, {@code isURL}, {@code getScheme}, ...) and
 * quantities ({@code quantity}, {@code isQuantity}, {@code sign}, {@code add}, ...).
 */
final class K8sLibrary {
    static final OpaqueType URL_TYPE = OpaqueType.create("kubernetes.URL");
    static final OpaqueType QUANTITY_TYPE = OpaqueType.create("kubernetes.Quantity");

    private K8sLibrary() {
    }

    static List<CelFunctionDecl> declarations() {
        TypeParamType t = TypeParamType.create("T");
        CelType listT = ListType.create(t);
        CelType str = SimpleType.STRING;
        CelType bool = SimpleType.BOOL;
        CelType int64 = SimpleType.INT;
        CelType dbl = SimpleType.DOUBLE;
        CelType listStr = ListType.create(str);
        List<CelFunctionDecl> d = new ArrayList<>();
        // lists
        d.add(fn("isSorted", CelOverloadDecl.newMemberOverload("list_is_sorted", bool, listT)));
        d.add(fn("sum", CelOverloadDecl.newMemberOverload("list_sum", t, listT)));
        d.add(fn("min", CelOverloadDecl.newMemberOverload("list_min", t, listT)));
        d.add(fn("max", CelOverloadDecl.newMemberOverload("list_max", t, listT)));
        d.add(fn("indexOf", CelOverloadDecl.newMemberOverload("list_index_of", int64, listT, t)));
        d.add(fn("lastIndexOf", CelOverloadDecl.newMemberOverload("list_last_index_of", int64, listT, t)));
        // regex
        d.add(fn("find", CelOverloadDecl.newMemberOverload("string_find_string", str, str, str)));
        d.add(fn("findAll", CelOverloadDecl.newMemberOverload("string_find_all_string", listStr, str, str),
                CelOverloadDecl.newMemberOverload("string_find_all_string_int", listStr, str, str, int64)));
        // urls
        d.add(fn("url", CelOverloadDecl.newGlobalOverload("string_to_url", URL_TYPE, str)));
        d.add(fn("isURL", CelOverloadDecl.newGlobalOverload("is_url_string", bool, str)));
        d.add(fn("getScheme", CelOverloadDecl.newMemberOverload("url_get_scheme", str, URL_TYPE)));
        d.add(fn("getHost", CelOverloadDecl.newMemberOverload("url_get_host", str, URL_TYPE)));
        d.add(fn("getHostname", CelOverloadDecl.newMemberOverload("url_get_hostname", str, URL_TYPE)));
        d.add(fn("getPort", CelOverloadDecl.newMemberOverload("url_get_port", str, URL_TYPE)));
        d.add(fn("getEscapedPath", CelOverloadDecl.newMemberOverload("url_get_escaped_path", str, URL_TYPE)));
        d.add(fn("getQuery", CelOverloadDecl.newMemberOverload("url_get_query", MapType.create(str, listStr), URL_TYPE)));
        // quantities
        d.add(fn("quantity", CelOverloadDecl.newGlobalOverload("string_to_quantity", QUANTITY_TYPE, str)));
        d.add(fn("isQuantity", CelOverloadDecl.newGlobalOverload("is_quantity_string", bool, str)));
        d.add(fn("sign", CelOverloadDecl.newMemberOverload("quantity_sign", int64, QUANTITY_TYPE)));
        d.add(fn("isGreaterThan", CelOverloadDecl.newMemberOverload("quantity_is_greater_than", bool, QUANTITY_TYPE, QUANTITY_TYPE)));
        d.add(fn("isLessThan", CelOverloadDecl.newMemberOverload("quantity_is_less_than", bool, QUANTITY_TYPE, QUANTITY_TYPE)));
        d.add(fn("compareTo", CelOverloadDecl.newMemberOverload("quantity_compare_to", int64, QUANTITY_TYPE, QUANTITY_TYPE)));
        d.add(fn("asApproximateFloat", CelOverloadDecl.newMemberOverload("quantity_get_float", dbl, QUANTITY_TYPE)));
        d.add(fn("asInteger", CelOverloadDecl.newMemberOverload("quantity_get_int", int64, QUANTITY_TYPE)));
        d.add(fn("isInteger", CelOverloadDecl.newMemberOverload("quantity_is_integer", bool, QUANTITY_TYPE)));
        d.add(fn("add", CelOverloadDecl.newMemberOverload("quantity_add", QUANTITY_TYPE, QUANTITY_TYPE, QUANTITY_TYPE),
                CelOverloadDecl.newMemberOverload("quantity_add_int", QUANTITY_TYPE, QUANTITY_TYPE, int64)));
        d.add(fn("sub", CelOverloadDecl.newMemberOverload("quantity_sub", QUANTITY_TYPE, QUANTITY_TYPE, QUANTITY_TYPE),
                CelOverloadDecl.newMemberOverload("quantity_sub_int", QUANTITY_TYPE, QUANTITY_TYPE, int64)));
        return d;
    }

    private static CelFunctionDecl fn(String name, CelOverloadDecl... overloads) {
        return CelFunctionDecl.newFunctionDeclaration(name, overloads);
    }

    static List<CelFunctionBinding> bindings() {
        List<CelFunctionBinding> b = new ArrayList<>();
        b.add(CelFunctionBinding.from("list_is_sorted", List.class, l -> isSorted(l)));
        b.add(CelFunctionBinding.from("list_sum", List.class, K8sLibrary::sum));
        b.add(CelFunctionBinding.from("list_min", List.class, l -> extreme(l, -1, "min")));
        b.add(CelFunctionBinding.from("list_max", List.class, l -> extreme(l, 1, "max")));
        b.add(CelFunctionBinding.from("list_index_of", List.class, Object.class, (l, v) -> (long) indexOf(l, v)));
        b.add(CelFunctionBinding.from("list_last_index_of", List.class, Object.class, (l, v) -> (long) lastIndexOf(l, v)));
        b.add(CelFunctionBinding.from("string_find_string", String.class, String.class, (s, re) -> {
            com.google.re2j.Matcher m = compile(re).matcher(s);
            return m.find() ? m.group() : "";
        }));
        b.add(CelFunctionBinding.from("string_find_all_string", String.class, String.class, (s, re) -> findAll(s, re, -1)));
        b.add(CelFunctionBinding.from("string_find_all_string_int", List.of(String.class, String.class, Long.class),
                args -> findAll((String) args[0], (String) args[1], (Long) args[2])));
        b.add(CelFunctionBinding.from("string_to_url", String.class, K8sLibrary::url));
        b.add(CelFunctionBinding.from("is_url_string", String.class, s -> {
            try {
                url(s);
                return true;
            } catch (CelEvaluationException e) {
                return false;
            }
        }));
        b.add(CelFunctionBinding.from("url_get_scheme", Url.class, u -> u.scheme));
        b.add(CelFunctionBinding.from("url_get_host", Url.class, u -> u.host));
        b.add(CelFunctionBinding.from("url_get_hostname", Url.class, Url::hostname));
        b.add(CelFunctionBinding.from("url_get_port", Url.class, Url::port));
        b.add(CelFunctionBinding.from("url_get_escaped_path", Url.class, u -> u.escapedPath));
        b.add(CelFunctionBinding.from("url_get_query", Url.class, Url::query));
        b.add(CelFunctionBinding.from("string_to_quantity", String.class, s -> {
            try {
                return Quantity.parse(s);
            } catch (IllegalArgumentException e) {
                throw new CelEvaluationException(e.getMessage());
            }
        }));
        b.add(CelFunctionBinding.from("is_quantity_string", String.class, Quantity::isQuantity));
        b.add(CelFunctionBinding.from("quantity_sign", Quantity.class, q -> (long) q.sign()));
        b.add(CelFunctionBinding.from("quantity_is_greater_than", Quantity.class, Quantity.class, (x, y) -> x.compareTo(y) > 0));
        b.add(CelFunctionBinding.from("quantity_is_less_than", Quantity.class, Quantity.class, (x, y) -> x.compareTo(y) < 0));
        b.add(CelFunctionBinding.from("quantity_compare_to", Quantity.class, Quantity.class, (x, y) -> (long) Integer.signum(x.compareTo(y))));
        b.add(CelFunctionBinding.from("quantity_get_float", Quantity.class, Quantity::asApproximateFloat));
        b.add(CelFunctionBinding.from("quantity_get_int", Quantity.class, q -> {
            try {
                return q.asInteger();
            } catch (IllegalArgumentException e) {
                throw new CelEvaluationException(e.getMessage());
            }
        }));
        b.add(CelFunctionBinding.from("quantity_is_integer", Quantity.class, Quantity::isInteger));
        b.add(CelFunctionBinding.from("quantity_add", Quantity.class, Quantity.class, (x, y) -> x.add(y.value)));
        b.add(CelFunctionBinding.from("quantity_add_int", Quantity.class, Long.class, (x, y) -> x.add(BigDecimal.valueOf(y))));
        b.add(CelFunctionBinding.from("quantity_sub", Quantity.class, Quantity.class, (x, y) -> x.sub(y.value)));
        b.add(CelFunctionBinding.from("quantity_sub_int", Quantity.class, Long.class, (x, y) -> x.sub(BigDecimal.valueOf(y))));
        return b;
    }

    // ---- lists

    @SuppressWarnings({"unchecked", "rawtypes"})
    static int compare(Object a, Object b) throws CelEvaluationException {
        if (a instanceof Number x && b instanceof Number y) {
            if (x instanceof Double || y instanceof Double) return Double.compare(x.doubleValue(), y.doubleValue());
            return Long.compare(x.longValue(), y.longValue());
        }
        if (a instanceof Comparable ca && a.getClass() == b.getClass()) return ca.compareTo(b);
        if (a instanceof Comparable ca && a instanceof Quantity && b instanceof Quantity) return ca.compareTo(b);
        throw new CelEvaluationException("no such overload");
    }

    private static boolean isSorted(List<?> l) throws CelEvaluationException {
        for (int i = 1; i < l.size(); i++) {
            if (compare(l.get(i - 1), l.get(i)) > 0) return false;
        }
        return true;
    }

    private static Object sum(List<?> l) throws CelEvaluationException {
        if (l.isEmpty()) return 0L;
        Object acc = null;
        for (Object o : l) {
            if (acc == null) {
                acc = o;
            } else if (acc instanceof Long x && o instanceof Long y) {
                try {
                    acc = Math.addExact(x, y);
                } catch (ArithmeticException e) {
                    throw new CelEvaluationException("integer overflow");
                }
            } else if (acc instanceof Double x && o instanceof Double y) {
                acc = x + y;
            } else if (acc instanceof java.time.Duration x && o instanceof java.time.Duration y) {
                acc = x.plus(y);
            } else {
                throw new CelEvaluationException("no such overload");
            }
        }
        return acc;
    }

    private static Object extreme(List<?> l, int dir, String name) throws CelEvaluationException {
        if (l.isEmpty()) throw new CelEvaluationException(name + " called on empty list");
        Object best = l.get(0);
        for (int i = 1; i < l.size(); i++) {
            if (compare(l.get(i), best) * dir > 0) best = l.get(i);
        }
        return best;
    }

    private static int indexOf(List<?> l, Object v) {
        for (int i = 0; i < l.size(); i++) if (celEquals(l.get(i), v)) return i;
        return -1;
    }

    private static int lastIndexOf(List<?> l, Object v) {
        for (int i = l.size() - 1; i >= 0; i--) if (celEquals(l.get(i), v)) return i;
        return -1;
    }

    private static boolean celEquals(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) return x.doubleValue() == y.doubleValue();
        return a.equals(b);
    }

    // ---- regex

    private static Pattern compile(String re) throws CelEvaluationException {
        try {
            return Pattern.compile(re);
        } catch (PatternSyntaxException e) {
            throw new CelEvaluationException("error parsing regexp: " + e.getMessage());
        }
    }

    private static List<String> findAll(String s, String re, long limit) throws CelEvaluationException {
        Pattern p = compile(re);
        if (limit == 0) return List.of();
        List<String> out = new ArrayList<>();
        com.google.re2j.Matcher m = p.matcher(s);
        while (m.find()) {
            out.add(m.group());
            if (limit > 0 && out.size() >= limit) break;
        }
        return Collections.unmodifiableList(out);
    }

    // ---- urls

    /** A parsed URL (Go's url.ParseRequestURI). */
    record Url(String scheme, String host, String escapedPath, String rawQuery) {
        String hostname() {
            if (host.startsWith("[")) {
                int end = host.indexOf(']');
                return end < 0 ? host : host.substring(1, end);
            }
            int colon = host.lastIndexOf(':');
            return colon < 0 ? host : host.substring(0, colon);
        }

        String port() {
            int start = host.startsWith("[") ? Math.max(0, host.indexOf(']')) : 0;
            int colon = host.indexOf(':', start);
            return colon < 0 ? "" : host.substring(colon + 1);
        }

        Map<String, List<String>> query() {
            Map<String, List<String>> out = new LinkedHashMap<>();
            if (rawQuery == null || rawQuery.isEmpty()) return out;
            for (String part : rawQuery.split("[&]")) {
                if (part.isEmpty()) continue;
                int eq = part.indexOf('=');
                String k = eq < 0 ? part : part.substring(0, eq);
                String v = eq < 0 ? "" : part.substring(eq + 1);
                try {
                    k = URLDecoder.decode(k, StandardCharsets.UTF_8);
                    v = URLDecoder.decode(v, StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    continue;
                }
                out.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
            }
            return out;
        }

        @Override
        public String toString() {
            return scheme + "://" + host + escapedPath + (rawQuery == null ? "" : "?" + rawQuery);
        }
    }

    static Url url(String s) throws CelEvaluationException {
        String bad = "URL parse error during conversion from string: parse \"" + s + "\": invalid URI for request";
        if (s.isEmpty()) throw new CelEvaluationException("URL parse error during conversion from string: parse \"\": empty url");
        if (s.startsWith("/")) {
            String[] pq = s.split("\\?", 2);
            return new Url("", "", pq[0], pq.length > 1 ? pq[1] : null);
        }
        URI u;
        try {
            u = new URI(s.contains("#") ? s.substring(0, s.indexOf('#')) : s);
        } catch (URISyntaxException e) {
            throw new CelEvaluationException(bad);
        }
        if (u.getScheme() == null) throw new CelEvaluationException(bad);
        if (u.isOpaque()) return new Url(u.getScheme(), "", "", u.getRawQuery());
        String host = u.getRawAuthority() == null ? "" : u.getRawAuthority();
        int at = host.lastIndexOf('@');
        if (at >= 0) host = host.substring(at + 1);
        return new Url(u.getScheme(), host, u.getRawPath() == null ? "" : u.getRawPath(), u.getRawQuery());
    }
}
