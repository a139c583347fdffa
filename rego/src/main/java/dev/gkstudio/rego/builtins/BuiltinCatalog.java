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
 * Documentation of every builtin for the language server's hover, completion and signature help:
 * a one-line description, named and typed arguments, the result type and OPA's flags. Types use
 * OPA's notation ({@code array[string]}, {@code object[string: any]}, {@code any<number, string>}).
 */
public final class BuiltinCatalog {
    /** One argument: its name and type. */
    public record Arg(String name, String type) {}

    /** One builtin's documentation. {@code resultType} is empty for builtins without a result (print). */
    public record Entry(String name, String description, List<Arg> args, boolean variadic, String resultType,
                        boolean deprecated, boolean nondeterministic, String infix, boolean implemented) {
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
    }

    /** Builtins whose implementation lives in the evaluator rather than in {@link BuiltinRegistry}. */
    private static final java.util.Set<String> EVALUATOR = java.util.Set.of("eq", "assign", "internal.member_2",
            "internal.member_3", "walk", "print", "internal.print", "trace", "rego.metadata.chain", "rego.metadata.rule",
            "internal.template_string", "internal.test_case");

    private static final Map<String, Entry> ENTRIES = load();

    private BuiltinCatalog() {}

    /** All entries, by name, in name order. */
    public static Map<String, Entry> all() { return ENTRIES; }

    /** The entry for a builtin, or null. */
    public static Entry get(String name) { return ENTRIES.get(name); }

    private static Map<String, Entry> load() {
        Map<String, Entry> out = new LinkedHashMap<>();
        try (InputStream in = BuiltinCatalog.class.getResourceAsStream("catalog.tsv")) {
            if (in == null) throw new IllegalStateException("catalog.tsv missing");
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isEmpty() || line.startsWith("#")) continue;
                String[] f = line.split("\t", -1);
                String name = f[0];
                String flags = f[2];
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
                for (String fl : flags.split(",")) if (fl.startsWith("infix=")) infix = fl.substring(6);
                boolean implemented = EVALUATOR.contains(name) || BuiltinRegistry.lookup(name) != null;
                out.put(name, new Entry(name, f[4], List.copyOf(args), variadic, f[1], flags.contains("deprecated"),
                        flags.contains("nondeterministic"), infix, implemented));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Collections.unmodifiableMap(out);
    }
}
