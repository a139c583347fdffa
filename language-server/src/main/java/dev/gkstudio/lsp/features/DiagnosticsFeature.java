package dev.gkstudio.lsp.features;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.eclipse.lsp4j.DiagnosticCodeDescription;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.jsonrpc.CancelChecker;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import dev.gkstudio.gatekeeper.engine.TemplateChecks;
import dev.gkstudio.gatekeeper.engine.TemplateCompileException;
import dev.gkstudio.gatekeeper.template.RegoCode;
import dev.gkstudio.lsp.lint.Finding;
import dev.gkstudio.lsp.lint.LintContext;
import dev.gkstudio.lsp.lint.LintRules;
import dev.gkstudio.lsp.workspace.DocumentState;
import dev.gkstudio.lsp.workspace.RegoUnit;
import dev.gkstudio.lsp.workspace.Workspace;
import dev.gkstudio.rego.Rego;
import dev.gkstudio.rego.ast.Module;
import dev.gkstudio.rego.ast.RegoVersion;

/**
 * Diagnostics of a document: parse errors, compile/type errors (from the {@code rego} compiler), Gatekeeper's
 * template checks with Gatekeeper's wording (templates and template entry points), and lint findings. Sources:
 * {@code rego} (parser/compiler, code = OPA error code), {@code gatekeeper}, {@code lint} (code = rule code,
 * with a documentation link and, when mechanical, a fix in {@code data}).
 */
public final class DiagnosticsFeature {

    private DiagnosticsFeature() {}

    public static List<Diagnostic> diagnostics(Workspace ws, DocumentState doc) {
        return diagnostics(ws, doc, NEVER_CANCELLED);
    }

    private static final CancelChecker NEVER_CANCELLED = () -> { };

    /**
     * As {@link #diagnostics(Workspace, DocumentState)}, asking {@code cancel} between the steps (each unit's
     * compile, each lint rule, the Gatekeeper checks): once a newer version of the document exists it throws
     * {@link java.util.concurrent.CancellationException} and the rest of the work is not done.
     */
    public static List<Diagnostic> diagnostics(Workspace ws, DocumentState doc, CancelChecker cancel) {
        List<Diagnostic> out = new ArrayList<>();
        boolean allParsed = !doc.units().isEmpty();
        for (RegoUnit u : doc.units()) {
            cancel.checkCanceled();
            for (dev.gkstudio.rego.ast.Diagnostic d : u.parse().diagnostics()) {
                out.add(diag(u.toHost(d.location()), DiagnosticSeverity.Error, "rego", d.code(), d.message()));
            }
            if (!u.parsed()) {
                allParsed = false;
                continue;
            }
            compile(u, libs(ws, doc, u), out);
            boolean templateEntry = doc.template() && u.index() < 0;
            boolean embedded = doc.template() || doc.document().isYaml();
            LintContext ctx = new LintContext(u.module(), u.text(), u.version(), templateEntry, embedded);
            for (Finding f : LintRules.lint(ctx, cancel::checkCanceled)) {
                out.add(lint(ws, u, f));
            }
        }
        cancel.checkCanceled();
        if (doc.template() && allParsed) gatekeeper(doc, out);
        return out;
    }

    /**
     * The {@code data.lib.*} packages a unit is compiled with, as Gatekeeper compiles a template's modules
     * together: the libs of its own document first (a template YAML), then those of other .rego documents (the
     * IDE's lib editors), then of other YAML documents; each package once, the unit's own package never.
     */
    static List<Module> libs(Workspace ws, DocumentState doc, RegoUnit u) {
        List<RegoUnit> candidates = new ArrayList<>(doc.units());
        for (boolean yaml : new boolean[] {false, true}) {
            for (DocumentState d : ws.all()) {
                if (d != doc && d.document().isYaml() == yaml) candidates.addAll(d.units());
            }
        }
        Set<String> packages = new HashSet<>();
        packages.add(u.packageName());
        List<Module> out = new ArrayList<>();
        for (RegoUnit o : candidates) {
            String pkg = o == u ? null : o.packageName();
            if (pkg == null || !(pkg.equals("lib") || pkg.startsWith("lib.")) || !packages.add(pkg)) continue;
            Module m = o.asDependency();
            if (m != null) out.add(m);
        }
        return out;
    }

    private static void compile(RegoUnit u, List<Module> libs, List<Diagnostic> out) {
        try {
            List<Module> modules = new ArrayList<>();
            modules.add(u.module());
            modules.addAll(libs);
            for (dev.gkstudio.rego.ast.Diagnostic d : Rego.check(modules)) {
                if (!d.location().isKnown() || !d.location().file().equals(u.fileName())) {
                    if (d.location().isKnown()) continue;
                }
                out.add(diag(u.toHost(d.location()), DiagnosticSeverity.Error, "rego", d.code(), d.message()));
            }
        } catch (RuntimeException | StackOverflowError e) {
            // the compiler is still growing: a crash must not hide the other diagnostics
        }
    }

    /** Gatekeeper's checks on the template's Rego (first failure only, as Gatekeeper reports it). */
    private static void gatekeeper(DocumentState doc, List<Diagnostic> out) {
        RegoUnit entry = doc.entry();
        if (entry == null) return;
        List<String> libs = new ArrayList<>();
        List<RegoUnit> libUnits = new ArrayList<>();
        for (RegoUnit u : doc.units()) {
            if (u.index() >= 0) {
                libs.add(u.text());
                libUnits.add(u);
            }
        }
        try {
            TemplateChecks.check(new RegoCode(entry.text(), libs, entry.version() == RegoVersion.V1, null, List.of()));
        } catch (TemplateCompileException e) {
            TemplateCompileException.Where w = e.where();
            RegoUnit u = w.module() >= 0 && w.module() < libUnits.size() ? libUnits.get(w.module()) : entry;
            Range range;
            if (w.line() > 0) {
                int off = u.lines().offset(w.line() - 1, Math.max(0, w.column() - 1));
                int end = off;
                while (end < u.text().length() && !Character.isWhitespace(u.text().charAt(end))) end++;
                range = u.toHost(off, Math.max(end, off + 1));
            } else {
                Module m = u.module();
                range = m.pkg().location().isKnown() ? u.toHost(m.pkg().location()) : u.toHost(0, 0);
            }
            out.add(diag(range, DiagnosticSeverity.Error, "gatekeeper", "template", e.getMessage()));
        } catch (RuntimeException e) {
            // checks on broken input: nothing to add
        }
    }

    private static Diagnostic lint(Workspace ws, RegoUnit u, Finding f) {
        Diagnostic d = diag(u.toHost(f.start(), Math.max(f.start(), f.end())), f.rule().severity(), "lint",
                f.rule().code(), f.message());
        String link = ruleLink(ws.settings().rulesBaseUrl(), f.rule().code());
        if (link != null) d.setCodeDescription(new DiagnosticCodeDescription(link));
        if (f.fix() != null) {
            JsonObject data = new JsonObject();
            data.addProperty("title", f.fix().title());
            JsonArray edits = new JsonArray();
            for (Finding.Edit e : f.fix().edits()) {
                JsonObject o = new JsonObject();
                o.addProperty("unit", u.index());
                o.addProperty("start", e.start());
                o.addProperty("end", e.end());
                o.addProperty("text", e.text());
                edits.add(o);
            }
            data.add("edits", edits);
            d.setData(data);
        }
        return d;
    }

    /** LSP's {@code codeDescription.href} is a URI: a base without a scheme (e.g. {@code /rules/}) gives no link. */
    static String ruleLink(String base, String code) {
        if (base == null) return null;
        try {
            java.net.URI uri = java.net.URI.create(base + code);
            return uri.isAbsolute() ? uri.toString() : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static Diagnostic diag(Range range, DiagnosticSeverity severity, String source, String code, String message) {
        Diagnostic d = new Diagnostic(range, message, severity, source, code);
        return d;
    }
}
