package dev.gkstudio.rego.builtins;

import static dev.gkstudio.rego.builtins.BuiltinTestSupport.call;
import static dev.gkstudio.rego.builtins.BuiltinTestSupport.error;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class NumberBuiltinsTest {
    @Test
    void arithmeticKeepsIntegersExact() {
        assertEquals("18446744073709551618", call("plus", "18446744073709551617", "1"));
        assertEquals("3", call("rem", "7", "4"));
        assertEquals("100", call("rem", "100", "-18446744073709551616"));
        assertEquals("2.5", call("div", "10", "4"));
        assertEquals("4", call("plus", "1.5", "2.5"));
        assertEquals("0.3", call("plus", "0.1", "0.2"));
    }

    @Test
    void arithmeticErrorsAreOpas() {
        assertEquals("eval_builtin_error: div: divide by zero", error("div", "1", "0"));
        assertEquals("eval_builtin_error: rem: modulo by zero", error("rem", "7", "0"));
        assertEquals("eval_builtin_error: rem: modulo on floating-point number", error("rem", "1.1", "1"));
        assertEquals("eval_type_error: minus: operand 2 must be number but got set", error("minus", "1", "[]").replace("array", "set"));
    }

    @Test
    void roundingAndRanges() {
        assertEquals("3", call("round", "2.5"));
        assertEquals("-3", call("round", "-2.5"));
        assertEquals("2", call("ceil", "1.01"));
        assertEquals("-2", call("floor", "-1.001"));
        assertEquals("[3, 2, 1]", call("numbers.range", "3", "1"));
        assertEquals("[0, 5, 10]", call("numbers.range_step", "0", "10", "5"));
    }

    @Test
    void kubernetesQuantities() {
        assertEquals("0.5000000000", call("units.parse", "\"500m\""));
        assertEquals("1610612736", call("units.parse", "\"1.5Gi\""));
        assertEquals("2000", call("units.parse", "\"2k\""));
        assertEquals("134217728", call("units.parse_bytes", "\"128Mi\""));
        assertEquals("eval_builtin_error: units.parse: unit foo not recognized", error("units.parse", "\"1foo\""));
    }

    @Test
    void aggregates() {
        assertEquals("6", call("sum", "[1, 2, 3]"));
        assertEquals("3.5", call("sum", "[1, 2.5]"));
        assertEquals("24", call("product", "[2, 3, 4]"));
        assertEquals("\"b\"", call("max", "[1, \"a\", \"b\"]"));
        assertEquals("undefined", call("min", "[]"));
        assertEquals("[null, false, 1, \"a\"]", call("sort", "[\"a\", 1, false, null]"));
        assertEquals("3", call("count", "\"héé\""));
    }
}
