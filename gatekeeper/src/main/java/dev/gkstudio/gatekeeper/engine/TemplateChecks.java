package dev.gkstudio.gatekeeper.engine;

import dev.gkstudio.gatekeeper.template.RegoCode;
import dev.gkstudio.rego.ast.Diagnostic;
import dev.gkstudio.rego.ast.Import;
import dev.gkstudio.rego.ast.Location;
import dev.gkstudio.rego.ast.Module;
import dev.gkstudio.rego.ast.Ref;
import dev.gkstudio.rego.ast.RegoVersion;
import dev.gkstudio.rego.ast.Rule;
import dev.gkstudio.rego.ast.Scalar;
import dev.gkstudio.rego.ast.SourceFile;
import dev.gkstudio.rego.ast.Term;
import dev.gkstudio.rego.ast.Var;
import dev.gkstudio.rego.parser.ParseResult;
import dev.gkstudio.rego.parser.RegoParser;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;

/**
 * Gatekeeper's checks on a template's Rego before compilation (constraint framework rego driver and
 * regorewriter), in order: parse (entry module {@code template}, libs {@code libs["lib_<i>"]}), non-empty,
 * a {@code violation} rule, lib packages under {@code data.lib}, imports, data references.
 */
public final class TemplateChecks {
    public static final String ENTRY_FILE = "template";

    /** The parsed modules of a template that passed the checks. */
    public record Parsed(Module entry, List<Module> libs, RegoVersion version) {
    }

    private TemplateChecks() {
    }

    public static String libFile(int i) {
        return "libs[\"lib_" + i + "\"]";
    }

    public static Parsed check(RegoCode code) throws TemplateCompileException {
        RegoVersion version = code.v1() ? RegoVersion.V1 : RegoVersion.V0;
        Module entry = parse(ENTRY_FILE, code.rego(), version, -1);
        boolean hasViolation = false;
        for (Rule r : entry.rules()) if ("violation".equals(r.head().name())) hasViolation = true;
        if (!hasViolation) {
            throw new TemplateCompileException("invalid ConstraintTemplate: invalid rego: invalid module: missing required rules: [violation]",
                    new TemplateCompileException.Where(-1, 0, 0));
        }
        List<Module> libs = new ArrayList<>();
        for (int i = 0; i < code.libs().size(); i++) libs.add(parse(libFile(i), code.libs().get(i), version, i));
        // lib packages
        for (int i = 0; i < libs.size(); i++) {
            Ref path = libs.get(i).pkg().path();
            if (!allowedLibPackage(path)) {
                throw new TemplateCompileException("invalid ConstraintTemplate: invalid lib prefix: path " + path + " not found in lib prefixes",
                        where(i, libs.get(i).pkg().location()));
            }
        }
        // imports: libs first, then the entry point
        for (int i = 0; i <= libs.size(); i++) {
            Module m = i < libs.size() ? libs.get(i) : entry;
            int idx = i < libs.size() ? i : -1;
            for (Import im : m.imports()) {
                String err = checkImport(im.path());
                if (err != null) throw new TemplateCompileException("invalid ConstraintTemplate: " + err, where(idx, im.location()));
            }
        }
        // data references
        for (int i = 0; i <= libs.size(); i++) {
            Module m = i < libs.size() ? libs.get(i) : entry;
            int idx = i < libs.size() ? i : -1;
            List<Ref> bad = new ArrayList<>();
            for (Rule r : m.rules()) walkRefs(r, ref -> {
                if (isDataRef(ref) && !isSubRef("lib", ref) && !isSubRef("inventory", ref)) bad.add(ref);
            });
            if (!bad.isEmpty()) {
                List<String> msgs = new ArrayList<>();
                for (Ref b : bad) msgs.add("disallowed ref " + b);
                String file = idx < 0 ? ENTRY_FILE : libFile(idx);
                throw new TemplateCompileException("invalid ConstraintTemplate: invalid data references: check refs failed on module {"
                        + file + "}: " + String.join(", ", msgs), where(idx, bad.get(0).location()));
            }
        }
        return new Parsed(entry, libs, version);
    }

    private static Module parse(String file, String text, RegoVersion version, int idx) throws TemplateCompileException {
        ParseResult pr = RegoParser.parseModule(new SourceFile(file, withoutAnnotations(text)), version);
        if (!pr.ok()) {
            Diagnostic first = pr.diagnostics().get(0);
            throw new TemplateCompileException("invalid ConstraintTemplate: " + opaErrors(pr.diagnostics()), where(idx, first.location()));
        }
        Module m = pr.module();
        if (m == null || m.pkg() == null) {
            throw new TemplateCompileException("invalid ConstraintTemplate: invalid module: module \"template\" is empty", where(idx, Location.NONE));
        }
        return m;
    }

    /** OPA's ast.Errors rendering. */
    public static String opaErrors(List<Diagnostic> diags) {
        if (diags.size() == 1) return "1 error occurred: " + diags.get(0);
        StringBuilder sb = new StringBuilder(diags.size() + " errors occurred:");
        for (Diagnostic d : diags) sb.append('\n').append(d);
        return sb.toString();
    }

    static TemplateCompileException.Where where(int idx, Location l) {
        return l == null || !l.isKnown() ? new TemplateCompileException.Where(idx, 0, 0)
                : new TemplateCompileException.Where(idx, l.startLine(), l.startCol());
    }

    private static boolean allowedLibPackage(Ref path) {
        // strictly below data.lib
        return path.size() > 2 && isSubRef("lib", path);
    }

    private static String checkImport(Ref path) {
        if (!path.hasVarHead()) return "invalid import: bad import: \"" + path + "\"";
        String head = path.head().name();
        if (head.equals("input")) return "invalid import: cannot import input: \"" + path + "\"";
        if (head.equals("future")) return null;
        if (isSubRef("lib", path)) return null;
        return "invalid import: bad import: \"" + path + "\"";
    }

    private static boolean isDataRef(Ref ref) {
        return ref.hasVarHead() && ref.head().name().equals("data");
    }

    /** Whether ref starts with data.&lt;root&gt;. */
    private static boolean isSubRef(String root, Ref ref) {
        if (!isDataRef(ref) || ref.size() < 2) return false;
        Term t = ref.get(1);
        return t instanceof Scalar s && root.equals(s.value());
    }

    /** Visits every ref in a node, nested refs included. */
    public static void walkRefs(Object node, Consumer<Ref> f) {
        if (node == null) return;
        if (node instanceof Ref r) {
            f.accept(r);
            for (Term t : r.terms()) walkRefs(t, f);
            return;
        }
        if (node instanceof Var || node instanceof Location || node instanceof String || node instanceof Number
                || node instanceof Boolean || node instanceof Enum<?>) {
            return;
        }
        if (node instanceof Collection<?> c) {
            for (Object o : c) walkRefs(o, f);
            return;
        }
        if (node.getClass().isRecord()) {
            for (RecordComponent rc : node.getClass().getRecordComponents()) {
                if (rc.getType() == Location.class) continue;
                try {
                    walkRefs(rc.getAccessor().invoke(node), f);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    /**
     * The constraint framework parses template modules without annotation processing
     * ({@code ast.ParseModuleWithOpts} with {@code ProcessAnnotation} off): {@code # METADATA} blocks are plain
     * comments (never a parse error, and {@code rego.metadata.rule()} is {@code {}}). This neutralises them without
     * moving any position: the {@code M} of a comment line's leading {@code METADATA} becomes {@code m}.
     */
    public static String withoutAnnotations(String text) {
        if (text == null || !text.contains("METADATA")) return text;
        StringBuilder sb = new StringBuilder(text);
        int lineStart = 0;
        while (lineStart < sb.length()) {
            int end = sb.indexOf("\n", lineStart);
            if (end < 0) end = sb.length();
            int i = lineStart;
            while (i < end && (sb.charAt(i) == ' ' || sb.charAt(i) == '\t')) i++;
            if (i < end && sb.charAt(i) == '#') {
                int j = i + 1;
                while (j < end && Character.isWhitespace(sb.charAt(j))) j++;
                if (j + 8 <= end && sb.substring(j, j + 8).equals("METADATA")) sb.setCharAt(j, 'm');
            }
            lineStart = end + 1;
        }
        return sb.toString();
    }
}
