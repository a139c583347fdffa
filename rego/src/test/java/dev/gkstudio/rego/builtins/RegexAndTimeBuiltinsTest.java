package dev.gkstudio.rego.builtins;

import static dev.gkstudio.rego.builtins.BuiltinTestSupport.call;
import static dev.gkstudio.rego.builtins.BuiltinTestSupport.error;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RegexAndTimeBuiltinsTest {
    @Test
    void regexUsesGoSemantics() {
        assertEquals("true", call("regex.match", "\"^[a-z]+\\\\.example\\\\.com$\"", "\"api.example.com\""));
        assertEquals("[\"b\", \"n\", \"n\", \"\"]", call("regex.split", "\"a\"", "\"banana\""));
        assertEquals("[\"ar\", \"an\"]", call("regex.find_n", "\"a.\"", "\"paranormal\"", "2"));
        assertEquals("\"-0-0-\"", call("regex.replace", "\"-a-a-\"", "\"a\"", "\"0\""));
        assertEquals("[[\"som\", \"o\", \"m\"], [\"ri\", \"i\", \"\"]]",
                call("regex.find_all_string_submatch_n", "\"[^aouiye]([aouiye])([^aouiye])?\"", "\"somestri\"", "-1"));
        assertEquals("eval_builtin_error: regex.match: error parsing regexp: missing closing ]: `[a`",
                error("regex.match", "\"[a\"", "\"a\""));
        assertEquals("true", call("regex.template_match", "\"urn:foo:{.*}\"", "\"urn:foo:bar:baz\"", "\"{\"", "\"}\""));
        assertEquals("true", call("regex.globs_match", "\"a.a.[0-9]+z\"", "\".b.b2359825792*594823z\""));
    }

    @Test
    void globs() {
        assertEquals("true", call("glob.match", "\"*.github.com\"", "[]", "\"api.github.com\""));
        assertEquals("false", call("glob.match", "\"*.github.com\"", "[]", "\"a.b.github.com\""));
        assertEquals("true", call("glob.match", "\"**.github.com\"", "[]", "\"a.b.github.com\""));
        assertEquals("true", call("glob.match", "\"registry.k8s.io/{pause,etcd}:*\"", "null", "\"registry.k8s.io/pause:3.9\""));
        assertEquals("\"\\\\*.github.com\"", call("glob.quote_meta", "\"*.github.com\""));
    }

    @Test
    void timeUsesGoLayoutsAndZones() {
        assertEquals("1496455200000000000", call("time.parse_rfc3339_ns", "\"2017-06-02T19:00:00-07:00\""));
        assertEquals("[2018, 2, 4]", call("time.date", "[1517814000000000000, \"America/Los_Angeles\"]"));
        assertEquals("\"Sun Feb  4 23:00:00 PST 2018\"",
                call("time.format", "[1517814000000000000, \"America/Los_Angeles\", \"UnixDate\"]"));
        assertEquals("\"2018-02-05T07:00:00.123Z\"", call("time.format", "1517814000123000000"));
        assertEquals("5401500000000", call("time.parse_duration_ns", "\"1h30m1.5s\""));
        assertEquals("\"Monday\"", call("time.weekday", "1517832000000000000"));
        assertEquals("1705257221593912000", call("time.add_date", "1585852421593912000", "3", "9", "12"));
        assertEquals("eval_builtin_error: time.parse_ns: parsing time \"2020-13-01\": month out of range",
                error("time.parse_ns", "\"2006-01-02\"", "\"2020-13-01\""));
        assertEquals("eval_builtin_error: time.parse_rfc3339_ns: time outside of valid range",
                error("time.parse_rfc3339_ns", "\"2262-04-11T23:47:16.854775808-00:00\""));
    }

    @Test
    void networkBuiltinsRefuse() {
        assertEquals(true, error("http.send", "{\"method\": \"get\", \"url\": \"http://x\"}").startsWith("eval_builtin_error: http.send:"));
        assertEquals(true, error("net.lookup_ip_addr", "\"example.com\"").startsWith("eval_builtin_error: net.lookup_ip_addr:"));
    }

    @Test
    void catalogDocumentsEveryBuiltin() {
        assertEquals(206, BuiltinCatalog.all().size());
        assertEquals("sprintf(format: string, values: array[any]) -> string", BuiltinCatalog.get("sprintf").signature());
        for (BuiltinCatalog.Entry e : BuiltinCatalog.all().values()) {
            assertEquals(false, e.description().isEmpty(), e.name());
        }
    }
}
