package dev.gkstudio.rego.builtins;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one table of Rego builtins ({@code builtins.tsv}), generated from OPA's capabilities.json and checked against
 * it by {@code BuiltinTableTest}. Everything else is derived from it: the compiler's signatures
 * ({@code compiler.Builtins}), the evaluator's arity and the language server's hover, completion and signature
 * help (one-line description, named and typed arguments, result type, OPA's flags). Types use OPA's notation
 * ({@code array[string]}, {@code object[string: any]}, {@code any<number, string>}).
 */
public final class BuiltinCatalog {
    /** One argument: its name and type. */
    public record Arg(String name, String type) {}

    /** Where a builtin's behaviour lives. */
    public enum Implementation {
        /** a {@link BuiltinRegistry} function */
        REGISTRY,
        /** the evaluator itself (it needs evaluation state: unification, membership, walk, print, metadata) */
        EVALUATOR,
        /** the internal name of a language construct ({@code :=}, template strings) */
        SYNTAX,
        /** registered, but refuses to act (see the reason) */
        DISABLED,
        /** not available (see the reason) */
        UNSUPPORTED
    }

    /**
     * One builtin. {@code resultType} is empty for builtins without a result (print). {@code reason} says why a
     * disabled or unsupported builtin is so (empty otherwise); {@code harness} marks builtins that only OPA's own
     * test harness registers (not in capabilities.json, left out of {@link #all()}).
     */
    public record Entry(String name, String description, List<Arg> args, boolean variadic, String resultType,
                        boolean deprecated, boolean nondeterministic, String infix, boolean relation,
                        Implementation implementation, String reason, boolean harness) {
        /** A signature such as {@code concat(delimiter: string, collection: any<...>) -> string}. */
        public String signature() {
            StringBuilder sb = new StringBuilder(name).append('(');
            for (int i = 0; i < args.size(); i++) {
                if (i > 0) sb.append(", ");
                sb.append(args.get(i).name()).append(": ").append(args.get(i).type());
            }
            sb.append(')');
            if (!resultType.isEmpty()) sb.append(" -> ").append(resultType);
            return sb.toString();
        }

        /** @return true if a policy can call it and get an answer (disabled builtins answer with an error). */
        public boolean implemented() {
            return implementation != Implementation.UNSUPPORTED;
        }

        /** Number of declared arguments, -1 for variadic builtins. */
        public int arity() {
            return variadic ? -1 : args.size();
        }
    }

    private static final Map<String, Entry> DECLARED = load();
    private static final Map<String, Entry> DOCUMENTED = documented(DECLARED);

    private BuiltinCatalog() {}

    /** The builtins of OPA's capabilities, by name, in name order (what the language server documents). */
    public static Map<String, Entry> all() { return DOCUMENTED; }

    /** Every row of the table, including OPA test-harness builtins the compiler accepts. */
    public static Map<String, Entry> declared() { return DECLARED; }

    /** The entry for a documented builtin, or null. */
    public static Entry get(String name) { return DOCUMENTED.get(name); }

    private static Map<String, Entry> documented(Map<String, Entry> declared) {
        Map<String, Entry> out = new LinkedHashMap<>();
        for (Entry e : declared.values()) if (!e.harness()) out.put(e.name(), e);
        return Collections.unmodifiableMap(out);
    }

    private static Map<String, Entry> load() {
        Map<String, Entry> out = new LinkedHashMap<>();
        try (InputStream in = BuiltinCatalog.class.getResourceAsStream("builtins.tsv")) {
            if (in == null) throw new IllegalStateException("builtins.tsv missing");
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isEmpty() || line.startsWith("#")) continue;
                Entry e = parse(line.split("\t", -1));
                out.put(e.name(), e);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Collections.unmodifiableMap(out);
    }

    private static Entry parse(String[] f) {
        String name = f[0];
        List<String> flags = f[2].isEmpty() ? List.of() : List.of(f[2].split(","));
        List<Arg> args = new ArrayList<>();
        boolean variadic = false;
        if (!f[3].isEmpty()) {
            for (String a : f[3].split(";")) {
                int colon = a.indexOf(':');
                String type = a.substring(colon + 1);
                if (type.startsWith("...")) {
                    variadic = true;
                    type = type.substring(3);
                }
                args.add(new Arg(a.substring(0, colon), type));
            }
        }
        String infix = "";
        for (String fl : flags) if (fl.startsWith("infix=")) infix = fl.substring(6);
        String impl = f[4];
        String reason = "";
        int colon = impl.indexOf(':');
        if (colon >= 0) {
            reason = impl.substring(colon + 1).trim();
            impl = impl.substring(0, colon);
        }
        return new Entry(name, f[5], List.copyOf(args), variadic, f[1], flags.contains("deprecated"),
                flags.contains("nondeterministic"), infix, flags.contains("relation"),
                Implementation.valueOf(impl.trim().toUpperCase(java.util.Locale.ROOT)), reason, flags.contains("harness") || flags.contains("gatekeeper"));
    }
}
