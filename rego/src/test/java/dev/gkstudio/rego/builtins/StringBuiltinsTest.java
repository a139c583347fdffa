package dev.gkstudio.rego.builtins;

import static dev.gkstudio.rego.builtins.BuiltinTestSupport.call;
import static dev.gkstudio.rego.builtins.BuiltinTestSupport.error;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gkstudio.rego.value.SetValue;
import dev.gkstudio.rego.value.StringValue;
import dev.gkstudio.rego.value.Value;
import java.util.List;
import org.junit.jupiter.api.Test;

class StringBuiltinsTest {
    @Test
    void sprintfRendersCompositeValuesAsOpaTerms() {
        assertEquals("\"containers [\\\"a\\\", \\\"b\\\"] have {\\\"cpu\\\": \\\"1\\\"}\"",
                call("sprintf", "\"containers %v have %v\"", "[[\"a\", \"b\"], {\"cpu\": \"1\"}]"));
        String set = StringBuiltins.sprintf("%v", List.<Value>of(SetValue.of(StringValue.of("b"), StringValue.of("a"))));
        assertEquals("{\"a\", \"b\"}", set);
        assertEquals("set()", StringBuiltins.sprintf("%v", List.<Value>of(SetValue.EMPTY)));
    }

    @Test
    void sprintfFollowsGoVerbsAndErrors() {
        assertEquals("\"5 1.5 hi 0x1f |  42| 3.14\"", call("sprintf", "\"%d %v %s %#x |%4d| %.2f\"", "[5, 1.5, \"hi\", 31, 42, 3.14159]"));
        assertEquals("\"%!d(string=x) %!s(int=5)\"", call("sprintf", "\"%d %s\"", "[\"x\", 5]"));
        assertEquals("\"%!d(MISSING)\"", call("sprintf", "\"%d\"", "[]"));
        assertEquals("\"1%!(EXTRA int=2)\"", call("sprintf", "\"%d\"", "[1, 2]"));
        assertEquals("\"123456789123456789123\"", call("sprintf", "\"%s\"", "[123456789123456789123]"));
        assertEquals("\"1e+06 1.234568e+05 100%\"", call("sprintf", "\"%v %e 100%%\"", "[1e6, 123456.789]"));
        assertEquals("\"\\\"q\\\" true\"", call("sprintf", "\"%q %v\"", "[\"q\", true]"));
    }

    @Test
    void stringFunctionsCountCodePoints() {
        assertEquals("2", call("indexof", "\"héllo\"", "\"l\""));
        assertEquals("\"él\"", call("substring", "\"héllo\"", "1", "2"));
        assertEquals("\"olléh\"", call("strings.reverse", "\"héllo\""));
        assertEquals("[\"a\", \"b\", \"\", \"c\"]", call("split", "\"a,b,,c\"", "\",\""));
        assertEquals("\"a b\"", call("trim_space", "\" \\t a b \\n\""));
        assertEquals("\"abc\"", call("trim", "\"xxabcxy\"", "\"xy\""));
        assertEquals("\"-ff\"", call("format_int", "-255", "16"));
        assertEquals("true", call("strings.any_prefix_match", "[\"kube-system\", \"default\"]", "\"kube-\""));
        assertEquals("eval_builtin_error: indexof: empty search character", error("indexof", "\"a\"", "\"\""));
        assertEquals("eval_type_error: concat: operand 2 must be array of strings but got array containing number",
                error("concat", "\",\"", "[\"a\", 1]"));
    }
}
