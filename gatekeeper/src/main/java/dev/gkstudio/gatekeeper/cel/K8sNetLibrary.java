package dev.gkstudio.gatekeeper.cel;

import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.OpaqueType;
import dev.cel.common.types.OptionalType;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Kubernetes' IP ({@code ip}, {@code isIP}, {@code ip.isCanonical}, ...), CIDR ({@code cidr}, {@code isCIDR},
 * {@code containsIP}, ...), format ({@code format.dns1123Label()}, {@code format.named}, {@code validate}) and
 * semver ({@code semver}, {@code isSemver}, ...) CEL libraries (k8s.io/apiserver/pkg/cel/library).
 */
final class K8sNetLibrary {
    static final OpaqueType IP_TYPE = OpaqueType.create("net.IP");
    static final OpaqueType CIDR_TYPE = OpaqueType.create("net.CIDR");
    static final OpaqueType FORMAT_TYPE = OpaqueType.create("kubernetes.NamedFormat");
    static final OpaqueType SEMVER_TYPE = OpaqueType.create("kubernetes.Semver");

    /** A {@code net.CIDR} value. */
    record Cidr(NetAddr.Prefix prefix) {
        @Override
        public String toString() {
            return prefix.toString();
        }
    }

    private K8sNetLibrary() {
    }

    static List<CelFunctionDecl> declarations() {
        CelType str = SimpleType.STRING;
        CelType bool = SimpleType.BOOL;
        CelType int64 = SimpleType.INT;
        List<CelFunctionDecl> d = new ArrayList<>();
        // ip
        d.add(fn("ip", CelOverloadDecl.newGlobalOverload("string_to_ip", IP_TYPE, str),
                CelOverloadDecl.newMemberOverload("cidr_ip", IP_TYPE, CIDR_TYPE)));
        d.add(fn("isIP", CelOverloadDecl.newGlobalOverload("is_ip", bool, str)));
        d.add(fn("ip.isCanonical", CelOverloadDecl.newGlobalOverload("ip_is_canonical", bool, str)));
        d.add(fn("family", CelOverloadDecl.newMemberOverload("ip_family", int64, IP_TYPE)));
        d.add(fn("isUnspecified", CelOverloadDecl.newMemberOverload("ip_is_unspecified", bool, IP_TYPE)));
        d.add(fn("isLoopback", CelOverloadDecl.newMemberOverload("ip_is_loopback", bool, IP_TYPE)));
        d.add(fn("isLinkLocalMulticast", CelOverloadDecl.newMemberOverload("ip_is_link_local_multicast", bool, IP_TYPE)));
        d.add(fn("isLinkLocalUnicast", CelOverloadDecl.newMemberOverload("ip_is_link_local_unicast", bool, IP_TYPE)));
        d.add(fn("isGlobalUnicast", CelOverloadDecl.newMemberOverload("ip_is_global_unicast", bool, IP_TYPE)));
        // cidr
        d.add(fn("cidr", CelOverloadDecl.newGlobalOverload("string_to_cidr", CIDR_TYPE, str)));
        d.add(fn("isCIDR", CelOverloadDecl.newGlobalOverload("is_cidr", bool, str)));
        d.add(fn("containsIP", CelOverloadDecl.newMemberOverload("cidr_contains_ip_string", bool, CIDR_TYPE, str),
                CelOverloadDecl.newMemberOverload("cidr_contains_ip_ip", bool, CIDR_TYPE, IP_TYPE)));
        d.add(fn("containsCIDR", CelOverloadDecl.newMemberOverload("cidr_contains_cidr_string", bool, CIDR_TYPE, str),
                CelOverloadDecl.newMemberOverload("cidr_contains_cidr", bool, CIDR_TYPE, CIDR_TYPE)));
        d.add(fn("prefixLength", CelOverloadDecl.newMemberOverload("cidr_prefix_length", int64, CIDR_TYPE)));
        d.add(fn("masked", CelOverloadDecl.newMemberOverload("cidr_masked", CIDR_TYPE, CIDR_TYPE)));
        // format
        for (String name : K8sFormat.FORMATS.keySet()) {
            d.add(fn("format." + name, CelOverloadDecl.newGlobalOverload("format." + name, FORMAT_TYPE)));
        }
        d.add(fn("format.named", CelOverloadDecl.newGlobalOverload("format-named", OptionalType.create(FORMAT_TYPE), str)));
        d.add(fn("validate", CelOverloadDecl.newMemberOverload("format-validate", OptionalType.create(ListType.create(str)),
                FORMAT_TYPE, str)));
        // semver
        d.add(fn("semver", CelOverloadDecl.newGlobalOverload("string_to_semver", SEMVER_TYPE, str),
                CelOverloadDecl.newGlobalOverload("string_bool_to_semver", SEMVER_TYPE, str, bool)));
        d.add(fn("isSemver", CelOverloadDecl.newGlobalOverload("is_semver_string", bool, str),
                CelOverloadDecl.newGlobalOverload("is_semver_string_bool", bool, str, bool)));
        d.add(fn("isGreaterThan", CelOverloadDecl.newMemberOverload("semver_is_greater_than", bool, SEMVER_TYPE, SEMVER_TYPE)));
        d.add(fn("isLessThan", CelOverloadDecl.newMemberOverload("semver_is_less_than", bool, SEMVER_TYPE, SEMVER_TYPE)));
        d.add(fn("compareTo", CelOverloadDecl.newMemberOverload("semver_compare_to", int64, SEMVER_TYPE, SEMVER_TYPE)));
        d.add(fn("major", CelOverloadDecl.newMemberOverload("semver_major", int64, SEMVER_TYPE)));
        d.add(fn("minor", CelOverloadDecl.newMemberOverload("semver_minor", int64, SEMVER_TYPE)));
        d.add(fn("patch", CelOverloadDecl.newMemberOverload("semver_patch", int64, SEMVER_TYPE)));
        // string(ip), string(cidr), string(semver)
        d.add(fn("string", CelOverloadDecl.newGlobalOverload("ip_to_string", str, IP_TYPE),
                CelOverloadDecl.newGlobalOverload("cidr_to_string", str, CIDR_TYPE),
                CelOverloadDecl.newGlobalOverload("semver_to_string", str, SEMVER_TYPE)));
        return d;
    }

    private static CelFunctionDecl fn(String name, CelOverloadDecl... overloads) {
        return CelFunctionDecl.newFunctionDeclaration(name, overloads);
    }

    static List<CelFunctionBinding> bindings() {
        List<CelFunctionBinding> b = new ArrayList<>();
        b.add(CelFunctionBinding.from("string_to_ip", String.class, K8sNetLibrary::ip));
        b.add(CelFunctionBinding.from("cidr_ip", Cidr.class, c -> c.prefix().addr()));
        b.add(CelFunctionBinding.from("is_ip", String.class, s -> {
            try {
                ip(s);
                return true;
            } catch (CelEvaluationException e) {
                return false;
            }
        }));
        b.add(CelFunctionBinding.from("ip_is_canonical", String.class, s -> ip(s).toString().equals(s)));
        b.add(CelFunctionBinding.from("ip_family", NetAddr.class, a -> a.is4() ? 4L : 6L));
        b.add(CelFunctionBinding.from("ip_is_unspecified", NetAddr.class, NetAddr::isUnspecified));
        b.add(CelFunctionBinding.from("ip_is_loopback", NetAddr.class, NetAddr::isLoopback));
        b.add(CelFunctionBinding.from("ip_is_link_local_multicast", NetAddr.class, NetAddr::isLinkLocalMulticast));
        b.add(CelFunctionBinding.from("ip_is_link_local_unicast", NetAddr.class, NetAddr::isLinkLocalUnicast));
        b.add(CelFunctionBinding.from("ip_is_global_unicast", NetAddr.class, NetAddr::isGlobalUnicast));
        b.add(CelFunctionBinding.from("string_to_cidr", String.class, K8sNetLibrary::cidr));
        b.add(CelFunctionBinding.from("is_cidr", String.class, s -> {
            try {
                cidr(s);
                return true;
            } catch (CelEvaluationException e) {
                return false;
            }
        }));
        // Kubernetes hands the parse result to the IP overload, which answers "no such overload" for an error.
        b.add(CelFunctionBinding.from("cidr_contains_ip_string", Cidr.class, String.class, (c, s) -> {
            NetAddr a;
            try {
                a = ip(s);
            } catch (CelEvaluationException e) {
                throw new CelEvaluationException("no such overload");
            }
            return c.prefix().contains(a);
        }));
        b.add(CelFunctionBinding.from("cidr_contains_ip_ip", Cidr.class, NetAddr.class, (c, a) -> c.prefix().contains(a)));
        b.add(CelFunctionBinding.from("cidr_contains_cidr_string", Cidr.class, String.class,
                (c, s) -> c.prefix().containsPrefix(cidr(s).prefix())));
        b.add(CelFunctionBinding.from("cidr_contains_cidr", Cidr.class, Cidr.class, (c, o) -> c.prefix().containsPrefix(o.prefix())));
        b.add(CelFunctionBinding.from("cidr_prefix_length", Cidr.class, c -> (long) c.prefix().bits()));
        b.add(CelFunctionBinding.from("cidr_masked", Cidr.class, c -> new Cidr(c.prefix().masked())));
        for (Map.Entry<String, K8sFormat.Format> e : K8sFormat.FORMATS.entrySet()) {
            K8sFormat.Format f = e.getValue();
            b.add(CelFunctionBinding.from("format." + e.getKey(), List.of(), args -> f));
        }
        b.add(CelFunctionBinding.from("format-named", String.class, n -> Optional.ofNullable(K8sFormat.FORMATS.get(n))));
        b.add(CelFunctionBinding.from("format-validate", K8sFormat.Format.class, String.class, (f, s) -> {
            List<String> errs = f.validator().validate(s);
            return errs.isEmpty() ? Optional.empty() : Optional.of(List.copyOf(errs));
        }));
        b.add(CelFunctionBinding.from("string_to_semver", String.class, s -> semver(s, false)));
        b.add(CelFunctionBinding.from("string_bool_to_semver", String.class, Boolean.class, K8sNetLibrary::semver));
        b.add(CelFunctionBinding.from("is_semver_string", String.class, s -> isSemver(s, false)));
        b.add(CelFunctionBinding.from("is_semver_string_bool", String.class, Boolean.class, K8sNetLibrary::isSemver));
        b.add(CelFunctionBinding.from("semver_is_greater_than", Semver.class, Semver.class, (x, y) -> x.compareTo(y) > 0));
        b.add(CelFunctionBinding.from("semver_is_less_than", Semver.class, Semver.class, (x, y) -> x.compareTo(y) < 0));
        b.add(CelFunctionBinding.from("semver_compare_to", Semver.class, Semver.class, (x, y) -> (long) x.compareTo(y)));
        b.add(CelFunctionBinding.from("semver_major", Semver.class, v -> v.major));
        b.add(CelFunctionBinding.from("semver_minor", Semver.class, v -> v.minor));
        b.add(CelFunctionBinding.from("semver_patch", Semver.class, v -> v.patch));
        b.add(CelFunctionBinding.from("ip_to_string", NetAddr.class, NetAddr::toString));
        b.add(CelFunctionBinding.from("cidr_to_string", Cidr.class, Cidr::toString));
        b.add(CelFunctionBinding.from("semver_to_string", Semver.class, Semver::toString));
        return b;
    }

    /** Kubernetes' parseIPAddr: netip.ParseAddr without zones or IPv4-mapped IPv6 addresses. */
    static NetAddr ip(String s) throws CelEvaluationException {
        NetAddr a;
        try {
            a = NetAddr.parse(s);
        } catch (NetAddr.ParseError e) {
            throw new CelEvaluationException("IP Address " + GoQuote.quote(s) + " parse error during conversion from string: " + e.getMessage());
        }
        if (!a.zone().isEmpty()) throw new CelEvaluationException("IP address " + GoQuote.quote(s) + " with zone value is not allowed");
        if (a.is4In6()) throw new CelEvaluationException("IPv4-mapped IPv6 address " + GoQuote.quote(s) + " is not allowed");
        return a;
    }

    /** Kubernetes' cidr(): its error text carries the conversion prefix twice, as Kubernetes' does. */
    static Cidr cidr(String s) throws CelEvaluationException {
        String head = "network address parse error during conversion from string: ";
        NetAddr.Prefix p;
        try {
            p = NetAddr.Prefix.parse(s);
        } catch (NetAddr.ParseError e) {
            throw new CelEvaluationException(head + head + e.getMessage());
        }
        if (p.addr().is4In6()) throw new CelEvaluationException(head + "IPv4-mapped IPv6 address " + GoQuote.quote(s) + " is not allowed");
        return new Cidr(p);
    }

    private static Semver semver(String s, boolean normalize) throws CelEvaluationException {
        try {
            return normalize ? Semver.parseNormalized(s) : Semver.parse(s);
        } catch (Semver.ParseError e) {
            throw new CelEvaluationException(e.getMessage());
        }
    }

    private static boolean isSemver(String s, boolean normalize) {
        try {
            semver(s, normalize);
            return true;
        } catch (CelEvaluationException e) {
            return false;
        }
    }
}
