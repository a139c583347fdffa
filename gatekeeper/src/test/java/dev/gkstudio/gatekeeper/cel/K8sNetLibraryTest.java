package dev.gkstudio.gatekeeper.cel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cel.runtime.CelEvaluationException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Kubernetes' ip, cidr, format and semver CEL libraries: expression → value or Kubernetes' error text. */
class K8sNetLibraryTest {
    private static Object eval(String expr) throws CelEvaluationException {
        return CelEngine.get().evaluate(expr);
    }

    private static void check(Object want, String expr) throws CelEvaluationException {
        assertEquals(want, eval(expr), expr);
    }

    private static void error(String want, String expr) {
        CelEvaluationException e = assertThrows(CelEvaluationException.class, () -> eval(expr), expr);
        assertEquals(want, CelErrors.message(e), expr);
    }

    private static void compileError(String fragment, String expr) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> eval(expr), expr);
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }

    @Test
    void ipParsing() throws Exception {
        check("192.168.0.1", "string(ip('192.168.0.1'))");
        check("2001:db8::68", "string(ip('2001:DB8:0:0:0::68'))");
        check("::", "string(ip('::'))");
        check("1:0:0:1::1", "string(ip('1:0:0:1:0:0:0:1'))");
        check("::102:304", "string(ip('::1.2.3.4'))");
        check(true, "ip('10.0.0.1') == ip('10.0.0.1') && ip('::1') != ip('::2')");
        check(true, "isIP('127.0.0.1') && isIP('::1')");
        check(false, "isIP('127.0.0.256') || isIP(':::1') || isIP('::ffff:1.2.3.4') || isIP('fe80::1%eth0') || isIP('01.2.3.4')");
        error("IP Address \"192.168.0.1.0\" parse error during conversion from string: ParseAddr(\"192.168.0.1.0\"): IPv4 address too long",
                "ip('192.168.0.1.0')");
        error("IP Address \"2001:db8:::68\" parse error during conversion from string: ParseAddr(\"2001:db8:::68\"): each colon-separated field must have at least one digit (at \":68\")",
                "ip('2001:db8:::68')");
        error("IP Address \"1.02.3.4\" parse error during conversion from string: ParseAddr(\"1.02.3.4\"): IPv4 field has octet with leading zero",
                "ip('1.02.3.4')");
        error("IP Address \"abc\" parse error during conversion from string: ParseAddr(\"abc\"): unable to parse IP", "ip('abc')");
        error("IP Address \"12345::1\" parse error during conversion from string: ParseAddr(\"12345::1\"): each group must have 4 or less digits (at \"12345::1\")",
                "ip('12345::1')");
        error("IP Address \"1:2:3:4:5:6:7:8:9\" parse error during conversion from string: ParseAddr(\"1:2:3:4:5:6:7:8:9\"): trailing garbage after address (at \"9\")",
                "ip('1:2:3:4:5:6:7:8:9')");
        error("IPv4-mapped IPv6 address \"::ffff:1.2.3.4\" is not allowed", "ip('::ffff:1.2.3.4')");
        error("IP address \"fe80::1%eth0\" with zone value is not allowed", "ip('fe80::1%eth0')");
    }

    @Test
    void ipCanonicalAndPredicates() throws Exception {
        check(true, "ip.isCanonical('127.0.0.1') && ip.isCanonical('2001:db8::abcd')");
        check(false, "ip.isCanonical('2001:DB8::ABCD') || ip.isCanonical('2001:db8::0:0:0:abcd')");
        error("IP Address \"127.0.0.1.0\" parse error during conversion from string: ParseAddr(\"127.0.0.1.0\"): IPv4 address too long",
                "ip.isCanonical('127.0.0.1.0')");
        check(4L, "ip('127.0.0.1').family()");
        check(6L, "ip('::1').family()");
        check(List.of(true, false, true, false), "[ip('0.0.0.0'), ip('127.0.0.1'), ip('::'), ip('::1')].map(i, i.isUnspecified())");
        check(List.of(true, false, true, false), "[ip('127.0.0.1'), ip('192.168.0.1'), ip('::1'), ip('2001:db8::abcd')].map(i, i.isLoopback())");
        check(List.of(true, false, true, false), "[ip('224.0.0.1'), ip('224.0.1.1'), ip('ff02::1'), ip('fd00::1')].map(i, i.isLinkLocalMulticast())");
        check(List.of(true, false, true, false), "[ip('169.254.169.254'), ip('192.168.0.1'), ip('fe80::1'), ip('fd80::1')].map(i, i.isLinkLocalUnicast())");
        check(List.of(true, false, true, false, false), "[ip('192.168.0.1'), ip('255.255.255.255'), ip('2001:db8::abcd'), ip('ff00::1'), ip('0.0.0.0')].map(i, i.isGlobalUnicast())");
        compileError("found no matching overload for 'isIP' applied to '(net.CIDR)'", "isIP(cidr('192.168.0.0/24'))");
    }

    @Test
    void cidr() throws Exception {
        check("10.0.0.0/8", "string(cidr('10.0.0.0/8'))");
        check("2001:db8::/32", "string(cidr('2001:DB8::/32'))");
        check(true, "isCIDR('192.168.0.0/16') && isCIDR('::1/128') && isCIDR('192.168.0.1/16')");
        check(false, "isCIDR('192.168.0.0/33') || isCIDR('::1/129') || isCIDR('10.0.0.0') || isCIDR('10.0.0.0/08') || isCIDR('::ffff:1.2.3.4/120')");
        error("network address parse error during conversion from string: network address parse error during conversion from string: netip.ParsePrefix(\"192.168.0.0/\"): bad bits after slash: \"\"",
                "cidr('192.168.0.0/')");
        error("network address parse error during conversion from string: network address parse error during conversion from string: netip.ParsePrefix(\"10.0.0.0/33\"): prefix length out of range",
                "cidr('10.0.0.0/33')");
        error("network address parse error during conversion from string: network address parse error during conversion from string: netip.ParsePrefix(\"10.0.0.0\"): no '/'",
                "cidr('10.0.0.0')");
        error("network address parse error during conversion from string: network address parse error during conversion from string: netip.ParsePrefix(\"1.2.3/8\"): ParseAddr(\"1.2.3\"): IPv4 address too short",
                "cidr('1.2.3/8')");
        error("network address parse error during conversion from string: IPv4-mapped IPv6 address \"::ffff:1.2.3.4/120\" is not allowed",
                "cidr('::ffff:1.2.3.4/120')");
        check(true, "cidr('192.168.0.0/24').containsIP(ip('192.168.0.1')) && cidr('192.168.0.0/24').containsIP('192.168.0.255')");
        check(false, "cidr('192.168.0.0/24').containsIP(ip('192.168.1.1')) || cidr('192.168.0.0/24').containsIP('::1')");
        check(true, "cidr('2001:db8::/32').containsIP('2001:db8::1') && !cidr('2001:db8::/32').containsIP('2001:dc8::1')");
        error("no such overload", "cidr('10.0.0.0/8').containsIP('nope')");
        check(true, "cidr('192.168.0.0/16').containsCIDR(cidr('192.168.10.0/24')) && cidr('192.168.0.0/16').containsCIDR('192.168.0.1/32')");
        check(false, "cidr('192.168.1.0/24').containsCIDR('192.168.2.0/24') || cidr('192.168.0.0/24').containsCIDR(cidr('192.168.0.0/23'))");
        check(true, "cidr('2001:db8::/32').containsCIDR('2001:db8::/33') && !cidr('2001:db8::/32').containsCIDR('2001:db8::/31')");
        error("network address parse error during conversion from string: network address parse error during conversion from string: netip.ParsePrefix(\"x\"): no '/'",
                "cidr('10.0.0.0/8').containsCIDR('x')");
        check("192.168.0.1", "string(cidr('192.168.0.1/24').ip())");
        check(6L, "cidr('::1/128').ip().family()");
        check("192.168.0.0/24", "string(cidr('192.168.0.1/24').masked())");
        check("2001:db8::/32", "string(cidr('2001:db8:1::/32').masked())");
        check(true, "cidr('192.168.0.0/24') == cidr('192.168.0.0/24').masked()");
        check(false, "cidr('192.168.0.1/24') == cidr('192.168.0.1/24').masked()");
        check(16L, "cidr('192.168.0.0/16').prefixLength()");
        check(128L, "cidr('::1/128').prefixLength()");
        compileError("found no matching overload for 'cidr' applied to '(int)'", "cidr(192168)");
    }

    private static final String DNS_LABEL_MSG = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', "
            + "and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
    private static final String DNS_SUBDOMAIN_MSG = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', "
            + "and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
    private static final String DNS1035_MSG = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, "
            + "and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";

    @Test
    void formats() throws Exception {
        check(Optional.empty(), "format.dns1123Label().validate('my-label-name')");
        check(Optional.of(List.of(DNS_LABEL_MSG)), "format.dns1123Label().validate('contains a space')");
        check(Optional.of(List.of("must not contain dots")), "format.dns1123Label().validate('a.b')");
        check(Optional.of(List.of("must be no more than 63 characters")), "format.dns1123Label().validate('" + "a".repeat(64) + "')");
        check(Optional.empty(), "format.dns1123Subdomain().validate('apiextensions.k8s.io')");
        check(Optional.of(List.of(DNS_SUBDOMAIN_MSG)), "format.dns1123Subdomain().validate('contains a space')");
        check(Optional.empty(), "format.dns1035Label().validate('my-label-name')");
        check(Optional.of(List.of(DNS1035_MSG)), "format.dns1035Label().validate('1abc')");
        check(Optional.empty(), "format.qualifiedName().validate('apiextensions.k8s.io/v1beta1')");
        check(Optional.of(List.of("name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an "
                        + "alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')")),
                "format.qualifiedName().validate('contains a space')");
        check(Optional.of(List.of("prefix part must be non-empty")), "format.qualifiedName().validate('/name')");
        check(Optional.empty(), "format.dns1123LabelPrefix().validate('my-label-prefix-')");
        check(Optional.of(List.of(DNS_LABEL_MSG)), "format.dns1123LabelPrefix().validate('contains a space-')");
        check(Optional.empty(), "format.dns1123SubdomainPrefix().validate('mysubdomain.prefix.-')");
        check(Optional.empty(), "format.dns1035LabelPrefix().validate('my-label-prefix-')");
        error("internal error: runtime error: slice bounds out of range [:-1]", "format.dns1123LabelPrefix().validate('-')");
        check(Optional.empty(), "format.labelValue().validate('my-cool-label-Value')");
        check(Optional.empty(), "format.labelValue().validate('')");
        check(Optional.of(List.of("a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must "
                        + "start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')")),
                "format.labelValue().validate('my-cool-label-Value!!\\n\\n!!!')");
        check(Optional.empty(), "format.uri().validate('http://example.com')");
        check(Optional.of(List.of("parse \"example\": invalid URI for request")), "format.uri().validate('example')");
        check(Optional.empty(), "format.uuid().validate('123e4567-e89b-12d3-a456-426614174000')");
        check(Optional.of(List.of("does not match the UUID format")), "format.uuid().validate('123e4567')");
        check(Optional.empty(), "format.byte().validate('aGVsbG8=')");
        check(Optional.of(List.of("invalid base64")), "format.byte().validate('aGVsbG8')");
        check(Optional.empty(), "format.date().validate('2020-02-29')");
        check(Optional.of(List.of("invalid date")), "format.date().validate('2020-01-32')");
        check(Optional.of(List.of("invalid date")), "format.date().validate('2021-02-29')");
        check(Optional.empty(), "format.datetime().validate('2020-01-01T00:00:00Z')");
        check(Optional.empty(), "format.datetime().validate('2020-01-01t10:20:30.5+02:00')");
        check(Optional.of(List.of("invalid datetime")), "format.datetime().validate('2020-01-32T00:00:00Z')");
        check(Optional.of(List.of("invalid datetime")), "format.datetime().validate('2020-01-01T24:00:00Z')");
        check(false, "format.named('unknown').hasValue()");
        for (String name : K8sFormat.FORMATS.keySet()) {
            check(true, "format.named('" + name + "').value() == format." + name + "()");
        }
        check(false, "format.dns1123Label() == format.dns1035Label()");
        check("x: " + DNS_LABEL_MSG, "format.named('dns1123Label').value().validate('A_B').value().map(m, 'x: ' + m)[0]");
    }

    @Test
    void semver() throws Exception {
        check("1.2.3-alpha.1+build.5", "string(semver('1.2.3-alpha.1+build.5'))");
        check(List.of(1L, 2L, 3L), "[semver('1.2.3').major(), semver('1.2.3').minor(), semver('1.2.3').patch()]");
        check(true, "isSemver('1.0.0') && isSemver('v1.0', true) && isSemver('01.01.01', true)");
        check(false, "isSemver('hello') || isSemver('v1.0') || isSemver('1.0', false) || isSemver('1.0-alpha', true)");
        check("1.1.1", "string(semver('01.01.01', true))");
        check("1.0.0", "string(semver('v1', true))");
        error("No Major.Minor.Patch elements found", "semver('200K')");
        error("Invalid character(s) found in major number \"Three\"", "semver('Three.0.0')");
        error("Major number must not contain leading zeroes \"01\"", "semver('01.0.0')");
        error("short version cannot contain PreRelease/Build meta data", "semver('1.0-rc', true)");
        check(0L, "semver('1.2.3').compareTo(semver('1.2.3+other'))");
        check(-1L, "semver('1.2.3').compareTo(semver('2.0.0'))");
        check(1L, "semver('1.2.3').compareTo(semver('0.1.2'))");
        check(true, "semver('1.0.0-alpha').isLessThan(semver('1.0.0-alpha.1')) && semver('1.0.0-beta.11').isGreaterThan(semver('1.0.0-beta.2'))");
        check(true, "semver('1.0.0-rc.1').isLessThan(semver('1.0.0')) && semver('1.0.0-1').isLessThan(semver('1.0.0-a'))");
        check(true, "semver('1.2.3') == semver('1.2.3')");
    }
}
