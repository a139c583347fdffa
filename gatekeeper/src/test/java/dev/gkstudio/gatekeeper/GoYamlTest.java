package dev.gkstudio.gatekeeper;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gkstudio.gatekeeper.util.GoYaml;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The yaml.v3 text rules gator's -o yaml output depends on. */
class GoYamlTest {
    static String one(Object v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("k", v);
        return GoYaml.marshal(m);
    }

    @Test
    void stringsThatReadAsOtherTypesAreDoubleQuoted() {
        assertEquals("k: \"true\"\n", one("true"));
        assertEquals("k: \"yes\"\n", one("yes"));
        assertEquals("k: \"0x1F\"\n", one("0x1F"));
        assertEquals("k: \"1.5\"\n", one("1.5"));
        assertEquals("k: \"\"\n", one(""));
        assertEquals("k: \"2024-01-02\"\n", one("2024-01-02"));
        assertEquals("k: \"null\"\n", one("null"));
    }

    @Test
    void unsafePlainStringsAreSingleQuoted() {
        assertEquals("k: 'a: b'\n", one("a: b"));
        assertEquals("k: '- x'\n", one("- x"));
        assertEquals("k: '#x'\n", one("#x"));
        assertEquals("k: 'it''s: here'\n", one("it's: here"));
        assertEquals("k: ' lead'\n", one(" lead"));
        assertEquals("k: a#b\n", one("a#b"));
        assertEquals("k: \"tab\\there\"\n", one("tab\there"));
    }

    @Test
    void multiLineStringsAreLiteralBlocks() {
        assertEquals("k: |-\n    one\n    two\n", one("one\ntwo"));
        assertEquals("k: |\n    one\n", one("one\n"));
        assertEquals("k: \"one\\ntwo\"\n", one(new GoYaml.Flow("one\ntwo")));
    }

    @Test
    void numbersAsFloat64UseShortestG() {
        assertEquals("1e+06", GoYaml.goFloat(1_000_000));
        assertEquals("123456", GoYaml.goFloat(123_456));
        assertEquals("1.234567e+06", GoYaml.goFloat(1_234_567));
        assertEquals("1.5", GoYaml.goFloat(1.5));
        assertEquals("1e-05", GoYaml.goFloat(0.00001));
        assertEquals("0.0001", GoYaml.goFloat(0.0001));
    }

    @Test
    void nestedIndentationAndKeyOrder() throws Exception {
        var v = new dev.gkstudio.gatekeeper.yaml.YamlLoader().loadOne("{b: [1, {x: 1, y: [a]}], a10: 1, a9: 2, A: 3, _z: 4}").value();
        // a letter sorts after any other character: "_z" before "A"
        assertEquals("""
                _z: 4
                A: 3
                a9: 2
                a10: 1
                b:
                    - 1
                    - x: 1
                      "y":
                        - a
                """, GoYaml.marshal(v));
        assertEquals("- - a\n  - b\n- c\n", GoYaml.marshal(List.of(List.of("a", "b"), "c")));
    }
}
