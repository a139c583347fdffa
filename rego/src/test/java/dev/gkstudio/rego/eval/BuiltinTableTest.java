package dev.gkstudio.rego.eval;

import dev.gkstudio.rego.builtins.BuiltinCatalog;
import dev.gkstudio.rego.builtins.BuiltinCatalog.Entry;
import dev.gkstudio.rego.builtins.BuiltinCatalog.Implementation;
import dev.gkstudio.rego.builtins.BuiltinRegistry;
import dev.gkstudio.rego.compiler.Builtins;
import dev.gkstudio.rego.value.*;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The one builtin table ({@code builtins/builtins.tsv}): every row says truthfully where its behaviour lives, the
 * compiler's and the evaluator's views are derived from it, and (when OPA's capabilities.json is at hand) it
 * declares exactly OPA's builtins with OPA's signatures and flags.
 */
class BuiltinTableTest {

    @Test
    void everyBuiltinIsImplementedOrSaysWhyNot() {
        List<String> wrong = new ArrayList<>();
        for (Entry e : BuiltinCatalog.declared().values()) {
            boolean registered = BuiltinRegistry.lookup(e.name()) != null;
            boolean evaluator = Planner.EVALUATOR_BUILTINS.contains(e.name());
            boolean ok = switch (e.implementation()) {
                case REGISTRY, SYNTAX -> registered == (e.implementation() == Implementation.REGISTRY) && !evaluator;
                case EVALUATOR -> evaluator && !registered;
                case DISABLED -> registered && !e.reason().isEmpty();
                case UNSUPPORTED -> !registered && !evaluator && !e.reason().isEmpty();
            };
            if (!ok) wrong.add(e.name() + " (" + e.implementation() + ", registered=" + registered + ")");
            if (e.description().isBlank()) wrong.add(e.name() + " has no description");
        }
        for (String name : BuiltinRegistry.all().keySet()) {
            Entry e = BuiltinCatalog.declared().get(name);
            if (e == null || (e.implementation() != Implementation.REGISTRY && e.implementation() != Implementation.DISABLED)) {
                wrong.add(name + " is registered but the table does not say so");
            }
        }
        for (String name : Planner.EVALUATOR_BUILTINS) {
            Entry e = BuiltinCatalog.declared().get(name);
            if (e == null || e.implementation() != Implementation.EVALUATOR) wrong.add(name + " is evaluated in place but the table does not say so");
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void compilerAndEvaluatorUseTheTable() {
        Builtins compiler = Builtins.defaults();
        assertEquals(BuiltinCatalog.declared().keySet(), compiler.all().keySet());
        for (Entry e : BuiltinCatalog.declared().values()) {
            Builtins.Builtin b = compiler.get(e.name());
            assertEquals(e.variadic(), b.variadic(), e.name());
            if (!e.variadic()) assertEquals(e.args().size(), b.arity(), e.name());
            assertEquals(!e.resultType().isEmpty(), b.hasResult(), e.name());
            assertEquals(e.deprecated(), b.deprecated(), e.name());
            assertEquals(e.infix(), b.infix(), e.name());
            assertEquals(e.arity(), Program.builtinArityOf(e.name()), e.name());
        }
        // the literal-argument check sees the kinds a declared type admits
        assertEquals(List.of("any<string|array|object|set>"), compiler.get("count").argTypes());
        assertEquals(List.of("any<number|array>"), compiler.get("time.clock").argTypes());
        assertEquals(List.of("any", "object"), compiler.get("json.marshal_with_options").argTypes());
    }

    @Test
    void harnessBuiltinsAreAcceptedButNotDocumented() {
        Entry sleep = BuiltinCatalog.declared().get("test.sleep");
        assertTrue(sleep.harness());
        assertNull(BuiltinCatalog.get("test.sleep"), "the language server documents OPA's builtins only");
        assertTrue(Builtins.defaults().contains("test.sleep"), "modules written for OPA's test harness compile");
    }

    /**
     * OPA's capabilities.json: {@code -Dopa.capabilities=FILE}, {@code OPA_CAPABILITIES}, or {@code shared/opa/}
     * beside the project. The table must stay buildable without it (it is not part of the repository), so when it
     * is absent this check prints why it did not run instead of failing.
     */
    @Test
    void tableDeclaresExactlyOpasBuiltins() throws Exception {
        Path caps = capabilities();
        if (caps == null) {
            System.out.println("BuiltinTableTest: capabilities.json not found (set -Dopa.capabilities=FILE); "
                    + "the table was not compared with OPA's builtins");
            return;
        }
        ObjectValue doc = (ObjectValue) Json.parse(Files.readString(caps));
        List<String> wrong = new ArrayList<>();
        Set<String> declared = new TreeSet<>();
        for (Value v : ((ArrayValue) doc.get("builtins")).list()) {
            ObjectValue b = (ObjectValue) v;
            String name = str(b.get("name"));
            declared.add(name);
            Entry e = BuiltinCatalog.get(name);
            if (e == null) {
                wrong.add(name + ": declared by OPA, missing from the table");
                continue;
            }
            ObjectValue decl = (ObjectValue) b.get("decl");
            List<String> want = new ArrayList<>();
            if (decl.get("args") instanceof ArrayValue args) for (Value a : args.list()) want.add(type(a));
            List<String> have = new ArrayList<>();
            for (BuiltinCatalog.Arg a : e.args()) have.add(a.type());
            if (decl.get("variadic") != null) want.add(type(decl.get("variadic")));
            if (!want.equals(have) || e.variadic() != (decl.get("variadic") != null)) {
                wrong.add(name + ": args " + have + ", OPA " + want);
            }
            String result = decl.get("result") == null ? "" : type(decl.get("result"));
            if (!result.equals(e.resultType())) wrong.add(name + ": result " + e.resultType() + ", OPA " + result);
            if (flag(b, "deprecated") != e.deprecated()) wrong.add(name + ": deprecated flag differs");
            if (flag(b, "nondeterministic") != e.nondeterministic()) wrong.add(name + ": nondeterministic flag differs");
            if (flag(b, "relation") != e.relation()) wrong.add(name + ": relation flag differs");
            String infix = b.get("infix") == null ? "" : str(b.get("infix"));
            if (!infix.equals(e.infix())) wrong.add(name + ": infix " + e.infix() + ", OPA " + infix);
        }
        for (String name : BuiltinCatalog.all().keySet()) {
            if (!declared.contains(name)) wrong.add(name + ": in the table but not declared by OPA (mark it harness)");
        }
        assertEquals(List.of(), wrong, "table vs " + caps);
    }

    private static Path capabilities() {
        String prop = System.getProperty("opa.capabilities", System.getenv("OPA_CAPABILITIES"));
        if (prop != null && !prop.isBlank()) return Files.isRegularFile(Path.of(prop)) ? Path.of(prop) : null;
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path p = d.resolve("shared/opa/capabilities.json");
            if (Files.isRegularFile(p)) return p;
        }
        return null;
    }

    private static boolean flag(ObjectValue b, String key) {
        return b.get(key) instanceof BooleanValue v && v.value();
    }

    private static String str(Value v) {
        return ((StringValue) v).value();
    }

    /** A capabilities type in the table's (OPA's printed) notation. */
    private static String type(Value v) {
        ObjectValue t = (ObjectValue) v;
        String kind = str(t.get("type"));
        return switch (kind) {
            case "any" -> t.get("of") instanceof ArrayValue of ? "any<" + join(of.list()) + ">" : "any";
            case "set" -> "set[" + type(t.get("of")) + "]";
            case "array" -> {
                if (t.get("static") instanceof ArrayValue st) {
                    String more = t.get("dynamic") == null ? "" : ", ..." + type(t.get("dynamic"));
                    yield "array<" + join(st.list()) + more + ">";
                }
                yield t.get("dynamic") == null ? "array" : "array[" + type(t.get("dynamic")) + "]";
            }
            case "object" -> {
                ObjectValue dyn = t.get("dynamic") instanceof ObjectValue d ? d : null;
                String dynText = dyn == null ? null : type(dyn.get("key")) + ": " + type(dyn.get("value"));
                if (t.get("static") instanceof ArrayValue st) {
                    List<String> parts = new ArrayList<>();
                    for (Value s : st.list()) {
                        ObjectValue kv = (ObjectValue) s;
                        parts.add(str(kv.get("key")) + ": " + type(kv.get("value")));
                    }
                    if (dynText != null) parts.add(dynText);
                    yield "object<" + String.join(", ", parts) + ">";
                }
                yield dynText == null ? "object" : "object[" + dynText + "]";
            }
            default -> kind;
        };
    }

    private static String join(List<Value> types) {
        List<String> out = new ArrayList<>();
        for (Value t : types) out.add(type(t));
        return String.join(", ", out);
    }
}
