package dev.gkstudio.rego.builtins;

import dev.gkstudio.rego.value.ArrayValue;
import dev.gkstudio.rego.value.BooleanValue;
import dev.gkstudio.rego.value.NullValue;
import dev.gkstudio.rego.value.NumberValue;
import dev.gkstudio.rego.value.ObjectValue;
import dev.gkstudio.rego.value.SetValue;
import dev.gkstudio.rego.value.StringValue;
import dev.gkstudio.rego.value.Value;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * crypto.x509.* and crypto.parse_private_keys: certificates, chains, CSRs and keys parsed with the JDK and rendered
 * the way OPA marshals Go's x509 structures to JSON (the fields policies read: Subject, Issuer, DNSNames, URIStrings,
 * validity, serial, key usage, raw DER as base64, ...).
 */
final class X509Builtins {
    private X509Builtins() {}

    static final class X509Exception extends Exception {
        X509Exception(String m) { super(m, null, false, false); }
    }

    static void register(Map<String, BuiltinFunction> t) {
        t.put("crypto.x509.parse_certificates", (c, a) -> {
            String b = "crypto.x509.parse_certificates";
            String in = Args.str(b, a, 0);
            try {
                List<X509Certificate> certs = certsFromString(in);
                List<Value> out = new ArrayList<>();
                for (X509Certificate x : certs) out.add(certValue(x, true));
                return ArrayValue.of(out);
            } catch (X509Exception e) {
                throw Args.err(b, e.getMessage());
            }
        });
        t.put("crypto.x509.parse_and_verify_certificates", (c, a) -> {
            String b = "crypto.x509.parse_and_verify_certificates";
            String in = Args.str(b, a, 0);
            return parseAndVerify(b, c, in, ObjectValue.EMPTY, true);
        });
        t.put("crypto.x509.parse_and_verify_certificates_with_options", (c, a) -> {
            String b = "crypto.x509.parse_and_verify_certificates_with_options";
            String in = Args.str(b, a, 0);
            ObjectValue opts = Args.obj(b, a, 1);
            return parseAndVerify(b, c, in, opts, false);
        });
        t.put("crypto.x509.parse_certificate_request", (c, a) -> {
            String b = "crypto.x509.parse_certificate_request";
            String in = Args.str(b, a, 0);
            try {
                byte[] bytes = in.getBytes(StandardCharsets.ISO_8859_1);
                if (!in.startsWith("-----BEGIN CERTIFICATE REQUEST-----")) bytes = std64(in);
                Keys.PemBlock p = Keys.pemDecode(new String(bytes, StandardCharsets.ISO_8859_1));
                if (p != null && !p.type().equals("CERTIFICATE REQUEST")) {
                    throw new X509Exception("invalid PEM-encoded certificate signing request");
                }
                if (p != null) bytes = p.bytes();
                return csrValue(bytes);
            } catch (X509Exception e) {
                throw Args.err(b, e.getMessage());
            }
        });
        t.put("crypto.x509.parse_keypair", (c, a) -> {
            String b = "crypto.x509.parse_keypair";
            String cert = Args.str(b, a, 0);
            String key = Args.str(b, new Value[] {a[1]}, 0);
            try {
                return keyPair(cert, key);
            } catch (X509Exception e) {
                throw Args.err(b, e.getMessage());
            }
        });
        t.put("crypto.x509.parse_rsa_private_key", (c, a) -> {
            String b = "crypto.x509.parse_rsa_private_key";
            String in = Args.str(b, a, 0);
            try {
                if (in.isEmpty()) throw new X509Exception("input PEM data was empty");
                if (!in.startsWith("-----BEGIN")) in = new String(std64(in), StandardCharsets.ISO_8859_1);
                List<PrivateKey> keys = privateKeys(in);
                if (keys.isEmpty()) return NullValue.INSTANCE;
                return jwk(keys.get(0));
            } catch (X509Exception e) {
                throw Args.err(b, e.getMessage());
            }
        });
        t.put("crypto.parse_private_keys", (c, a) -> {
            String b = "crypto.parse_private_keys";
            String in = Args.str(b, a, 0);
            if (in.isEmpty()) return NullValue.INSTANCE;
            try {
                List<PrivateKey> keys = privateKeys(in);
                List<Value> out = new ArrayList<>();
                for (PrivateKey k : keys) out.add(goPrivateKey(k));
                return ArrayValue.of(out);
            } catch (X509Exception e) {
                throw Args.err(b, e.getMessage());
            }
        });
    }

    // ------------------------------------------------------------------ certificates

    static byte[] std64(String s) throws X509Exception {
        try {
            return EncodingBuiltins.decode64(s.getBytes(StandardCharsets.UTF_8), EncodingBuiltins.STD, true);
        } catch (EncodingBuiltins.DecodeException e) {
            throw new X509Exception(e.getMessage());
        }
    }

    static List<X509Certificate> certsFromString(String s) throws X509Exception {
        if (s.startsWith("-----BEGIN")) return certsFromPem(s);
        byte[] der = std64(s);
        String asText = new String(der, StandardCharsets.ISO_8859_1);
        if (asText.startsWith("-----BEGIN")) return certsFromPem(asText);
        return parseDerCerts(der);
    }

    private static List<X509Certificate> certsFromPem(String s) throws X509Exception {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        String rest = s;
        while (!rest.isEmpty()) {
            Keys.PemBlock p = Keys.pemDecode(rest);
            if (p == null) break;
            if (!p.type().equals("CERTIFICATE")) {
                throw new X509Exception("PEM block type is '" + p.type() + "', expected CERTIFICATE");
            }
            all.write(p.bytes(), 0, p.bytes().length);
            rest = p.rest();
        }
        return parseDerCerts(all.toByteArray());
    }

    /** Go's x509.ParseCertificates: concatenated DER certificates. */
    static List<X509Certificate> parseDerCerts(byte[] der) throws X509Exception {
        List<X509Certificate> out = new ArrayList<>();
        int off = 0;
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            while (off < der.length) {
                Keys.Der d;
                try {
                    d = Keys.read(der, off);
                } catch (RuntimeException e) {
                    throw new X509Exception("x509: malformed certificate");
                }
                if (d.tag() != 0x30) throw new X509Exception("x509: malformed certificate");
                byte[] one = java.util.Arrays.copyOfRange(der, off, off + d.totalLen());
                try {
                    out.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(one)));
                } catch (Exception e) {
                    throw new X509Exception("x509: malformed certificate");
                }
                off += d.totalLen();
            }
        } catch (java.security.cert.CertificateException e) {
            throw new X509Exception(e.getMessage());
        }
        return out;
    }

    private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private static Value b64(byte[] b) {
        return b == null ? NullValue.INSTANCE : StringValue.of(Base64.getEncoder().encodeToString(b));
    }

    private static Value strs(List<String> l) {
        if (l == null || l.isEmpty()) return NullValue.INSTANCE;
        List<Value> out = new ArrayList<>();
        for (String s : l) out.add(StringValue.of(s));
        return ArrayValue.of(out);
    }

    private static Value time(Date d) {
        return StringValue.of(RFC3339.format(d.toInstant()));
    }

    /** Go's x509.Certificate as OPA marshals it (with URIStrings when {@code extended}). */
    static Value certValue(X509Certificate x, boolean extended) throws X509Exception {
        try {
            ObjectValue.Builder o = ObjectValue.builder();
            byte[] raw = x.getEncoded();
            Keys.Der top = Keys.read(raw, 0);
            List<Keys.Der> parts = top.children();
            byte[] tbs = x.getTBSCertificate();
            Keys.Der tbsDer = parts.get(0);
            List<Keys.Der> tbsParts = tbsDer.children();
            int i = tbsParts.get(0).tag() == 0xa0 ? 1 : 0;
            Keys.Der issuer = tbsParts.get(i + 2);
            Keys.Der subject = tbsParts.get(i + 4);
            Keys.Der spki = tbsParts.get(i + 5);
            o.put("Raw", b64(raw));
            o.put("RawTBSCertificate", b64(tbs));
            o.put("RawSubjectPublicKeyInfo", b64(encode(spki)));
            o.put("RawSubject", b64(encode(subject)));
            o.put("RawIssuer", b64(encode(issuer)));
            o.put("Signature", b64(x.getSignature()));
            o.put("SignatureAlgorithm", NumberValue.of(sigAlg(x.getSigAlgOID())));
            PublicKey pk = x.getPublicKey();
            o.put("PublicKeyAlgorithm", NumberValue.of(pkAlg(pk)));
            o.put("PublicKey", goPublicKey(pk));
            o.put("Version", NumberValue.of(x.getVersion()));
            o.put("SerialNumber", NumberValue.of(x.getSerialNumber()));
            o.put("Issuer", name(issuer));
            o.put("Subject", name(subject));
            o.put("NotBefore", time(x.getNotBefore()));
            o.put("NotAfter", time(x.getNotAfter()));
            o.put("KeyUsage", NumberValue.of(keyUsage(x.getKeyUsage())));
            o.put("Extensions", extensions(x));
            o.put("ExtraExtensions", NullValue.INSTANCE);
            o.put("UnhandledCriticalExtensions", NullValue.INSTANCE);
            List<Value> eku = new ArrayList<>();
            List<Value> unknownEku = new ArrayList<>();
            List<String> ekus = x.getExtendedKeyUsage();
            if (ekus != null) {
                for (String e : ekus) {
                    Integer v = EKU.get(e);
                    if (v != null) eku.add(NumberValue.of(v)); else unknownEku.add(oid(e));
                }
            }
            o.put("ExtKeyUsage", eku.isEmpty() ? NullValue.INSTANCE : ArrayValue.of(eku));
            o.put("UnknownExtKeyUsage", unknownEku.isEmpty() ? NullValue.INSTANCE : ArrayValue.of(unknownEku));
            int bc = x.getBasicConstraints();
            boolean bcValid = x.getExtensionValue("2.5.29.19") != null;
            o.put("BasicConstraintsValid", BooleanValue.of(bcValid));
            o.put("IsCA", BooleanValue.of(bc >= 0));
            int maxPath = bc == Integer.MAX_VALUE ? -1 : (bc < 0 ? 0 : bc);
            if (!bcValid) maxPath = 0;
            if (bcValid && bc < 0) maxPath = -1;
            o.put("MaxPathLen", NumberValue.of(maxPath));
            o.put("MaxPathLenZero", BooleanValue.of(bcValid && bc == 0));
            o.put("SubjectKeyId", b64(octetExt(x, "2.5.29.14", false)));
            o.put("AuthorityKeyId", b64(octetExt(x, "2.5.29.35", true)));
            o.put("OCSPServer", NullValue.INSTANCE);
            o.put("IssuingCertificateURL", NullValue.INSTANCE);
            List<String> dns = new ArrayList<>(), emails = new ArrayList<>(), ips = new ArrayList<>(), uris = new ArrayList<>();
            Collection<List<?>> sans = x.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    int type = (Integer) san.get(0);
                    String v = String.valueOf(san.get(1));
                    switch (type) {
                        case 1 -> emails.add(v);
                        case 2 -> dns.add(v);
                        case 6 -> uris.add(v);
                        case 7 -> ips.add(normalizeIp(v));
                        default -> { }
                    }
                }
            }
            o.put("DNSNames", strs(dns));
            o.put("EmailAddresses", strs(emails));
            o.put("IPAddresses", strs(ips));
            List<Value> uriObjs = new ArrayList<>();
            for (String u : uris) uriObjs.add(uriValue(u));
            o.put("URIs", uriObjs.isEmpty() ? NullValue.INSTANCE : ArrayValue.of(uriObjs));
            o.put("PermittedDNSDomainsCritical", BooleanValue.FALSE);
            for (String f : List.of("PermittedDNSDomains", "ExcludedDNSDomains", "PermittedIPRanges", "ExcludedIPRanges",
                    "PermittedEmailAddresses", "ExcludedEmailAddresses", "PermittedURIDomains", "ExcludedURIDomains",
                    "CRLDistributionPoints", "PolicyIdentifiers", "Policies")) {
                o.put(f, NullValue.INSTANCE);
            }
            o.put("InhibitAnyPolicy", NumberValue.of(0));
            o.put("InhibitAnyPolicyZero", BooleanValue.FALSE);
            o.put("InhibitPolicyMapping", NumberValue.of(0));
            o.put("InhibitPolicyMappingZero", BooleanValue.FALSE);
            o.put("RequireExplicitPolicy", NumberValue.of(0));
            o.put("RequireExplicitPolicyZero", BooleanValue.FALSE);
            o.put("PolicyMappings", NullValue.INSTANCE);
            if (extended) o.put("URIStrings", strs(uris));
            return o.build();
        } catch (Exception e) {
            throw new X509Exception("x509: malformed certificate");
        }
    }

    private static String normalizeIp(String v) {
        // only literal addresses: InetAddress.getByName would resolve a host name over DNS
        if (v.isEmpty() || !v.matches("[0-9A-Fa-f:.\\[\\]]+") || !(v.contains(":") || v.matches("[0-9.]+"))) return v;
        try {
            return java.net.InetAddress.getByName(v).getHostAddress();
        } catch (Exception e) {
            return v;
        }
    }

    private static Value uriValue(String u) {
        ObjectValue.Builder o = ObjectValue.builder();
        try {
            java.net.URI uri = new java.net.URI(u);
            o.put("Scheme", StringValue.of(nz(uri.getScheme())));
            o.put("Opaque", StringValue.of(uri.isOpaque() ? nz(uri.getRawSchemeSpecificPart()) : ""));
            o.put("User", NullValue.INSTANCE);
            o.put("Host", StringValue.of(nz(uri.getRawAuthority())));
            o.put("Path", StringValue.of(nz(uri.getPath())));
            o.put("RawPath", StringValue.of(""));
            o.put("OmitHost", BooleanValue.FALSE);
            o.put("ForceQuery", BooleanValue.FALSE);
            o.put("RawQuery", StringValue.of(nz(uri.getRawQuery())));
            o.put("Fragment", StringValue.of(nz(uri.getFragment())));
            o.put("RawFragment", StringValue.of(""));
        } catch (Exception e) {
            o.put("Path", StringValue.of(u));
        }
        return o.build();
    }

    private static String nz(String s) { return s == null ? "" : s; }

    private static byte[] encode(Keys.Der d) {
        return Keys.tlv(d.tag(), d.content());
    }

    private static byte[] octetExt(X509Certificate x, String oid, boolean authorityKeyId) {
        byte[] v = x.getExtensionValue(oid);
        if (v == null) return null;
        try {
            Keys.Der outer = Keys.read(v, 0); // OCTET STRING wrapping the extension value
            Keys.Der inner = Keys.read(outer.content(), 0);
            if (!authorityKeyId) return inner.content();
            for (Keys.Der c : inner.children()) if (c.tag() == 0x80) return c.content();
            return null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static Value extensions(X509Certificate x) {
        List<Value> out = new ArrayList<>();
        try {
            Keys.Der top = Keys.read(x.getTBSCertificate(), 0);
            for (Keys.Der c : top.children()) {
                if (c.tag() != 0xa3) continue;
                for (Keys.Der ext : Keys.read(c.content(), 0).children()) {
                    List<Keys.Der> f = ext.children();
                    boolean critical = f.size() == 3 && f.get(1).tag() == 0x01 && f.get(1).content()[0] != 0;
                    out.add(ObjectValue.builder().put("Id", oid(oidString(f.get(0).content())))
                            .put("Critical", BooleanValue.of(critical))
                            .put("Value", b64(f.get(f.size() - 1).content())).build());
                }
            }
        } catch (Exception e) {
            return NullValue.INSTANCE;
        }
        return out.isEmpty() ? NullValue.INSTANCE : ArrayValue.of(out);
    }

    private static Value oid(String dotted) {
        List<Value> parts = new ArrayList<>();
        for (String p : dotted.split("\\.")) parts.add(NumberValue.of(Long.parseLong(p)));
        return ArrayValue.of(parts);
    }

    static String oidString(byte[] b) {
        StringBuilder sb = new StringBuilder();
        long v = 0;
        boolean first = true;
        for (byte x : b) {
            v = (v << 7) | (x & 0x7f);
            if ((x & 0x80) == 0) {
                if (first) {
                    long a = Math.min(v / 40, 2);
                    sb.append(a).append('.').append(v - 40 * a);
                    first = false;
                } else {
                    sb.append('.').append(v);
                }
                v = 0;
            }
        }
        return sb.toString();
    }

    private static final Map<String, String> NAME_FIELDS = Map.of("2.5.4.6", "Country", "2.5.4.10", "Organization",
            "2.5.4.11", "OrganizationalUnit", "2.5.4.7", "Locality", "2.5.4.8", "Province", "2.5.4.9", "StreetAddress",
            "2.5.4.17", "PostalCode");

    /** pkix.Name as Go marshals it. */
    static Value name(Keys.Der rdnSeq) {
        Map<String, List<String>> multi = new java.util.LinkedHashMap<>();
        String serial = "", cn = "";
        List<Value> names = new ArrayList<>();
        for (Keys.Der set : rdnSeq.children()) {
            for (Keys.Der atv : set.children()) {
                List<Keys.Der> f = atv.children();
                String oid = oidString(f.get(0).content());
                Keys.Der val = f.get(1);
                String s = val.tag() == 0x1e ? new String(val.content(), StandardCharsets.UTF_16BE)
                        : new String(val.content(), val.tag() == 0x0c ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
                names.add(ObjectValue.builder().put("Type", oid(oid)).put("Value", StringValue.of(s)).build());
                if (oid.equals("2.5.4.3")) cn = s;
                else if (oid.equals("2.5.4.5")) serial = s;
                else if (NAME_FIELDS.containsKey(oid)) multi.computeIfAbsent(NAME_FIELDS.get(oid), k -> new ArrayList<>()).add(s);
            }
        }
        ObjectValue.Builder o = ObjectValue.builder();
        for (String f : List.of("Country", "Organization", "OrganizationalUnit", "Locality", "Province", "StreetAddress",
                "PostalCode")) {
            o.put(f, strs(multi.get(f)));
        }
        o.put("SerialNumber", StringValue.of(serial));
        o.put("CommonName", StringValue.of(cn));
        o.put("Names", names.isEmpty() ? NullValue.INSTANCE : ArrayValue.of(names));
        o.put("ExtraNames", NullValue.INSTANCE);
        return o.build();
    }

    private static final Map<String, Integer> EKU = Map.ofEntries(Map.entry("2.5.29.37.0", 0),
            Map.entry("1.3.6.1.5.5.7.3.1", 1), Map.entry("1.3.6.1.5.5.7.3.2", 2), Map.entry("1.3.6.1.5.5.7.3.3", 3),
            Map.entry("1.3.6.1.5.5.7.3.4", 4), Map.entry("1.3.6.1.5.5.7.3.5", 5), Map.entry("1.3.6.1.5.5.7.3.6", 6),
            Map.entry("1.3.6.1.5.5.7.3.7", 7), Map.entry("1.3.6.1.5.5.7.3.8", 8), Map.entry("1.3.6.1.5.5.7.3.9", 9),
            Map.entry("1.3.6.1.4.1.311.10.3.3", 10), Map.entry("2.16.840.1.113730.4.1", 11),
            Map.entry("1.3.6.1.4.1.311.2.1.22", 12), Map.entry("1.3.6.1.4.1.311.61.1.1", 13));

    private static int keyUsage(boolean[] ku) {
        if (ku == null) return 0;
        int v = 0;
        for (int i = 0; i < ku.length && i < 9; i++) if (ku[i]) v |= 1 << i;
        return v;
    }

    private static int sigAlg(String oid) {
        return switch (oid) {
            case "1.2.840.113549.1.1.2" -> 1;
            case "1.2.840.113549.1.1.4" -> 2;
            case "1.2.840.113549.1.1.5" -> 3;
            case "1.2.840.113549.1.1.11" -> 4;
            case "1.2.840.113549.1.1.12" -> 5;
            case "1.2.840.113549.1.1.13" -> 6;
            case "1.2.840.10040.4.3" -> 7;
            case "2.16.840.1.101.3.4.3.2" -> 8;
            case "1.2.840.10045.4.1" -> 9;
            case "1.2.840.10045.4.3.2" -> 10;
            case "1.2.840.10045.4.3.3" -> 11;
            case "1.2.840.10045.4.3.4" -> 12;
            case "1.2.840.113549.1.1.10" -> 13;
            case "1.3.101.112" -> 16;
            default -> 0;
        };
    }

    private static int pkAlg(PublicKey pk) {
        if (pk instanceof RSAPublicKey) return 1;
        if (pk instanceof ECPublicKey) return 3;
        if (Keys.isEd(pk)) return 4;
        return 0;
    }

    static Value goPublicKey(PublicKey pk) {
        if (pk instanceof RSAPublicKey r) {
            return ObjectValue.builder().put("N", NumberValue.of(r.getModulus()))
                    .put("E", NumberValue.of(r.getPublicExponent())).build();
        }
        if (pk instanceof ECPublicKey e) {
            return ObjectValue.builder().put("Curve", ObjectValue.EMPTY)
                    .put("X", NumberValue.of(e.getW().getAffineX())).put("Y", NumberValue.of(e.getW().getAffineY())).build();
        }
        if (Keys.isEd(pk)) return StringValue.of(Base64.getEncoder().encodeToString(Keys.ed25519Raw(pk)));
        return NullValue.INSTANCE;
    }

    // ------------------------------------------------------------------ verification

    private static Value parseAndVerify(String b, BuiltinContext c, String in, ObjectValue opts, boolean extended) {
        ArrayValue invalid = ArrayValue.of(BooleanValue.FALSE, ArrayValue.EMPTY);
        List<X509Certificate> certs;
        try {
            certs = certsFromString(in);
        } catch (X509Exception e) {
            return invalid;
        }
        String dnsName = "";
        Instant now = c.now();
        List<Integer> usages = new ArrayList<>();
        for (Value k : opts.keys()) {
            if (!(k instanceof StringValue ks)) continue;
            Value v = opts.get(k);
            switch (ks.value()) {
                case "DNSName" -> {
                    if (!(v instanceof StringValue s)) throw Args.err(b, "'DNSName' should be a string");
                    dnsName = s.value().replaceAll("^\"+|\"+$", "");
                }
                case "CurrentTime" -> {
                    if (!(v instanceof NumberValue n)) throw Args.err(b, "'CurrentTime' should be a number");
                    Long ns = n.toLongOrNull();
                    if (ns == null) throw Args.err(b, "'CurrentTime' should be a valid int64 number");
                    now = Instant.ofEpochSecond(Math.floorDiv(ns, 1_000_000_000L), Math.floorMod(ns, 1_000_000_000L));
                }
                case "MaxConstraintComparisons" -> {
                    if (!(v instanceof NumberValue n)) throw Args.err(b, "'MaxConstraintComparisons' should be a number");
                    if (n.toIntOrNull() == null) throw Args.err(b, "'MaxConstraintComparisons' should be a valid number");
                }
                case "KeyUsages" -> {
                    List<Value> es = v instanceof ArrayValue av ? av.list() : v instanceof SetValue sv ? sv.sorted() : null;
                    if (es == null) throw Args.err(b, "'KeyUsages' should be an Array or Set");
                    List<String> bad = new ArrayList<>();
                    for (Value e : es) {
                        if (!(e instanceof StringValue s)) continue;
                        String name = s.value().replaceAll("^\"+|\"+$", "");
                        Integer u = KEY_USAGES.get(name);
                        if (u == null) bad.add(name); else usages.add(u);
                    }
                    if (!bad.isEmpty()) throw Args.err(b, "invalid entries for 'KeyUsages' found: [" + String.join(" ", bad) + "]");
                }
                default -> throw Args.err(b, "invalid key option");
            }
        }
        if (certs.size() < 2) return invalid;
        List<X509Certificate> chain = verifyChain(certs, dnsName, now, usages);
        if (chain == null) return invalid;
        List<Value> out = new ArrayList<>();
        try {
            for (X509Certificate x : chain) out.add(certValue(x, extended));
        } catch (X509Exception e) {
            throw Args.err(b, e.getMessage());
        }
        return ArrayValue.of(BooleanValue.TRUE, ArrayValue.of(out));
    }

    private static final Map<String, Integer> KEY_USAGES = Map.ofEntries(Map.entry("KeyUsageAny", 0),
            Map.entry("KeyUsageServerAuth", 1), Map.entry("KeyUsageClientAuth", 2), Map.entry("KeyUsageCodeSigning", 3),
            Map.entry("KeyUsageEmailProtection", 4), Map.entry("KeyUsageIPSECEndSystem", 5),
            Map.entry("KeyUsageIPSECTunnel", 6), Map.entry("KeyUsageIPSECUser", 7), Map.entry("KeyUsageTimeStamping", 8),
            Map.entry("KeyUsageOCSPSigning", 9), Map.entry("KeyUsageMicrosoftServerGatedCrypto", 10),
            Map.entry("KeyUsageNetscapeServerGatedCrypto", 11), Map.entry("KeyUsageMicrosoftCommercialCodeSigning", 12),
            Map.entry("KeyUsageMicrosoftKernelCodeSigning", 13));

    /** Go's leaf.Verify with the first certificate as the root, the last as the leaf: the chain leaf to root, or null. */
    private static List<X509Certificate> verifyChain(List<X509Certificate> certs, String dnsName, Instant now, List<Integer> usages) {
        X509Certificate root = certs.get(0);
        List<X509Certificate> inter = certs.subList(1, certs.size() - 1);
        X509Certificate leaf = certs.get(certs.size() - 1);
        Date at = Date.from(now);
        if (!dnsName.isEmpty() && !matchesDns(leaf, dnsName)) return null;
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(leaf);
        X509Certificate cur = leaf;
        for (int depth = 0; depth < 10; depth++) {
            try {
                cur.checkValidity(at);
            } catch (Exception e) {
                return null;
            }
            if (issued(root, cur)) {
                try {
                    root.checkValidity(at);
                } catch (Exception e) {
                    return null;
                }
                if (cur != root) chain.add(root);
                return ekuOk(chain, usages) ? chain : null;
            }
            X509Certificate next = null;
            for (X509Certificate i : inter) {
                if (i != cur && !chain.contains(i) && issued(i, cur)) {
                    next = i;
                    break;
                }
            }
            if (next == null) return null;
            chain.add(next);
            cur = next;
        }
        return null;
    }

    private static boolean issued(X509Certificate issuer, X509Certificate cert) {
        if (!issuer.getSubjectX500Principal().equals(cert.getIssuerX500Principal())) return false;
        if (issuer != cert && issuer.getBasicConstraints() < 0 && issuer.getVersion() >= 3) return false;
        try {
            cert.verify(issuer.getPublicKey());
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private static boolean ekuOk(List<X509Certificate> chain, List<Integer> usages) {
        List<Integer> want = usages.isEmpty() ? List.of(1) : usages;
        if (want.contains(0)) return true;
        for (X509Certificate x : chain) {
            try {
                List<String> ekus = x.getExtendedKeyUsage();
                if (ekus == null || ekus.contains("2.5.29.37.0")) continue;
                boolean any = false;
                for (String e : ekus) if (EKU.containsKey(e) && want.contains(EKU.get(e))) any = true;
                if (!any) return false;
            } catch (Exception e) {
                return false;
            }
        }
        return true;
    }

    private static boolean matchesDns(X509Certificate leaf, String host) {
        try {
            Collection<List<?>> sans = leaf.getSubjectAlternativeNames();
            if (sans == null) return false;
            for (List<?> san : sans) {
                if ((Integer) san.get(0) != 2) continue;
                String pattern = String.valueOf(san.get(1)).toLowerCase();
                String h = host.toLowerCase();
                if (pattern.equals(h)) return true;
                if (pattern.startsWith("*.") && h.indexOf('.') > 0 && h.substring(h.indexOf('.')).equals(pattern.substring(1))) {
                    return true;
                }
            }
        } catch (Exception e) {
            return false;
        }
        return false;
    }

    // ------------------------------------------------------------------ CSR

    private static Value csrValue(byte[] der) throws X509Exception {
        try {
            Keys.Der top = Keys.read(der, 0);
            if (top.tag() != 0x30) throw new X509Exception("asn1: structure error: tags don't match");
            List<Keys.Der> parts = top.children();
            Keys.Der info = parts.get(0);
            List<Keys.Der> f = info.children();
            Keys.Der subject = f.get(1);
            Keys.Der spki = f.get(2);
            byte[] spkiBytes = encode(spki);
            PublicKey pk = JwtBuiltins.parsePkix(spkiBytes);
            String sigOid = oidString(parts.get(1).children().get(0).content());
            byte[] sigBits = parts.get(2).content();
            ObjectValue.Builder o = ObjectValue.builder();
            o.put("Raw", b64(java.util.Arrays.copyOf(der, top.totalLen())));
            o.put("RawTBSCertificateRequest", b64(encode(info)));
            o.put("RawSubjectPublicKeyInfo", b64(spkiBytes));
            o.put("RawSubject", b64(encode(subject)));
            o.put("Version", NumberValue.of(f.get(0).integer()));
            o.put("Signature", b64(java.util.Arrays.copyOfRange(sigBits, 1, sigBits.length)));
            o.put("SignatureAlgorithm", NumberValue.of(sigAlg(sigOid)));
            o.put("PublicKeyAlgorithm", NumberValue.of(pkAlg(pk)));
            o.put("PublicKey", goPublicKey(pk));
            o.put("Subject", name(subject));
            o.put("Attributes", NullValue.INSTANCE);
            o.put("Extensions", NullValue.INSTANCE);
            o.put("ExtraExtensions", NullValue.INSTANCE);
            o.put("DNSNames", NullValue.INSTANCE);
            o.put("EmailAddresses", NullValue.INSTANCE);
            o.put("IPAddresses", NullValue.INSTANCE);
            o.put("URIs", NullValue.INSTANCE);
            return o.build();
        } catch (X509Exception e) {
            throw e;
        } catch (Exception e) {
            throw new X509Exception("asn1: structure error: " + (e.getMessage() == null ? "malformed" : e.getMessage()));
        }
    }

    // ------------------------------------------------------------------ keys

    static List<PrivateKey> privateKeys(String pemData) throws X509Exception {
        String s = pemData;
        try {
            byte[] d = EncodingBuiltins.decode64(s.getBytes(StandardCharsets.UTF_8), EncodingBuiltins.STD, true);
            s = new String(d, StandardCharsets.ISO_8859_1);
        } catch (EncodingBuiltins.DecodeException e) {
            // not base64: PEM text as it is
        }
        List<PrivateKey> out = new ArrayList<>();
        String rest = s;
        while (!rest.isEmpty()) {
            Keys.PemBlock p = Keys.pemDecode(rest);
            if (p == null) break;
            rest = p.rest();
            try {
                switch (p.type()) {
                    case "RSA PRIVATE KEY" -> out.add(KeyFactory.getInstance("RSA").generatePrivate(
                            new PKCS8EncodedKeySpec(Keys.pkcs1ToPkcs8(p.bytes()))));
                    case "PRIVATE KEY" -> out.add(pkcs8(p.bytes()));
                    case "EC PRIVATE KEY" -> out.add(sec1(p.bytes()));
                    default -> { }
                }
            } catch (X509Exception e) {
                throw e;
            } catch (Exception e) {
                throw new X509Exception("x509: failed to parse private key: " + e.getMessage());
            }
        }
        return out;
    }

    private static PrivateKey pkcs8(byte[] der) throws X509Exception {
        for (String alg : List.of("RSA", "EC", "Ed25519")) {
            try {
                return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (Exception ignored) {
                // next
            }
        }
        throw new X509Exception("x509: failed to parse private key (use ParsePKCS1PrivateKey instead for this key format)");
    }

    /** SEC 1 EC private key, wrapped into PKCS#8 with the curve OID it names. */
    private static PrivateKey sec1(byte[] der) throws Exception {
        Keys.Der top = Keys.read(der, 0);
        byte[] curveOid = null;
        for (Keys.Der c : top.children()) {
            if (c.tag() == 0xa0) curveOid = Keys.tlv(0x06, Keys.read(c.content(), 0).content());
        }
        if (curveOid == null) throw new X509Exception("x509: failed to parse EC private key: missing curve");
        byte[] algId = Keys.seq(Keys.tlv(0x06, Keys.hexBytes("2a8648ce3d0201")), curveOid);
        byte[] p8 = Keys.seq(Keys.tlv(0x02, new byte[] {0}), algId, Keys.tlv(0x04, der));
        return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(p8));
    }

    /** The JWK OPA's parse_rsa_private_key returns. */
    private static Value jwk(PrivateKey k) throws X509Exception {
        if (k instanceof RSAPrivateCrtKey r) return Keys.rsaPrivateJwk(r);
        if (k instanceof ECPrivateKey e) {
            return ObjectValue.builder().put("kty", StringValue.of("EC"))
                    .put("d", StringValue.of(Keys.b64uEncode(e.getS()))).build();
        }
        throw new X509Exception("unsupported key type");
    }

    /** A Go private key struct as encoding/json writes it. */
    private static Value goPrivateKey(PrivateKey k) {
        if (k instanceof RSAPrivateCrtKey r) {
            ObjectValue pre = ObjectValue.builder()
                    .put("Dp", NumberValue.of(r.getPrimeExponentP()))
                    .put("Dq", NumberValue.of(r.getPrimeExponentQ()))
                    .put("Qinv", NumberValue.of(r.getCrtCoefficient()))
                    .put("CRTValues", ArrayValue.EMPTY).build();
            return ObjectValue.builder()
                    .put("N", NumberValue.of(r.getModulus()))
                    .put("E", NumberValue.of(r.getPublicExponent()))
                    .put("D", NumberValue.of(r.getPrivateExponent()))
                    .put("Primes", ArrayValue.of(NumberValue.of(r.getPrimeP()), NumberValue.of(r.getPrimeQ())))
                    .put("Precomputed", pre).build();
        }
        if (k instanceof ECPrivateKey e) {
            return ObjectValue.builder().put("Curve", ObjectValue.EMPTY).put("D", NumberValue.of(e.getS())).build();
        }
        return ObjectValue.EMPTY;
    }

    private static Value keyPair(String cert, String key) throws X509Exception {
        byte[] certBytes = cert.getBytes(StandardCharsets.ISO_8859_1);
        byte[] keyBytes = key.getBytes(StandardCharsets.ISO_8859_1);
        if (!cert.startsWith("-----BEGIN ")) certBytes = std64(cert);
        if (!key.startsWith("-----BEGIN ")) keyBytes = std64(key);
        String certText = new String(certBytes, StandardCharsets.ISO_8859_1);
        String keyText = new String(keyBytes, StandardCharsets.ISO_8859_1);
        List<X509Certificate> certs;
        if (!certText.startsWith("-----BEGIN ")) {
            certs = parseDerCerts(certBytes);
        } else {
            certs = certsFromPem(certText);
        }
        if (certs.isEmpty()) throw new X509Exception("tls: failed to find any PEM data in certificate input");
        List<PrivateKey> keys;
        if (!keyText.startsWith("-----BEGIN")) {
            keys = List.of(pkcs8(keyBytes));
        } else {
            keys = privateKeys(keyText);
        }
        if (keys.isEmpty()) throw new X509Exception("tls: failed to find any PEM data in key input");
        List<Value> ders = new ArrayList<>();
        try {
            for (X509Certificate x : certs) ders.add(b64(x.getEncoded()));
        } catch (Exception e) {
            throw new X509Exception(e.getMessage());
        }
        return ObjectValue.builder()
                .put("Certificate", ArrayValue.of(ders))
                .put("PrivateKey", goPrivateKey(keys.get(0)))
                .put("SupportedSignatureAlgorithms", NullValue.INSTANCE)
                .put("OCSPStaple", NullValue.INSTANCE)
                .put("SignedCertificateTimestamps", NullValue.INSTANCE)
                .put("Leaf", certValue(certs.get(0), false))
                .build();
    }

}
