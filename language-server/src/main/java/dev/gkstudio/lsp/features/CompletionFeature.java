package dev.gkstudio.lsp.features;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionItemKind;
import org.eclipse.lsp4j.CompletionList;
import org.eclipse.lsp4j.InsertTextFormat;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.MarkupKind;
import org.eclipse.lsp4j.Position;

import dev.gkstudio.lsp.schema.KubernetesSchema;
import dev.gkstudio.lsp.schema.Shape;
import dev.gkstudio.lsp.workspace.Ast;
import dev.gkstudio.lsp.workspace.DocumentState;
import dev.gkstudio.lsp.workspace.RegoUnit;
import dev.gkstudio.lsp.workspace.Workspace;
import dev.gkstudio.rego.ast.Import;
import dev.gkstudio.rego.ast.Module;
import dev.gkstudio.rego.ast.RegoVersion;
import dev.gkstudio.rego.ast.Rule;
import dev.gkstudio.rego.ast.Term;
import dev.gkstudio.rego.ast.Var;
import dev.gkstudio.rego.builtins.BuiltinCatalog;

/**
 * Completion: refs after a dot ({@code input.review.*}, {@code input.review.object.*} from the Kubernetes schema
 * and the sample objects, {@code input.parameters.*} from the parameters schema, {@code data.lib.*},
 * {@code data.inventory.*}, imported packages, builtin namespaces) and words (keywords by context, builtins,
 * rules and functions, variables in scope, imports, snippets).
 */
public final class CompletionFeature {

    private static final Pattern IMPORT_LINE = Pattern.compile("^\\s*import\\s+([\\w.]*)$");

    /** AdmissionRequest fields as Gatekeeper passes them in {@code input.review}. */
    static final Map<String, String> REVIEW = new LinkedHashMap<>();
    static final Map<String, Map<String, String>> REVIEW_NESTED = new LinkedHashMap<>();

    static {
        REVIEW.put("object", "The object being admitted (or audited)");
        REVIEW.put("oldObject", "The existing object, for UPDATE and DELETE");
        REVIEW.put("operation", "CREATE, UPDATE, DELETE or CONNECT");
        REVIEW.put("kind", "Group, version and kind of the object");
        REVIEW.put("name", "Name of the object");
        REVIEW.put("namespace", "Namespace of the object");
        REVIEW.put("userInfo", "The user that made the request");
        REVIEW.put("uid", "Unique id of the admission request");
        REVIEW.put("resource", "Group, version and resource being requested");
        REVIEW.put("subResource", "Subresource, if any");
        REVIEW.put("requestKind", "Kind of the original request");
        REVIEW.put("requestResource", "Resource of the original request");
        REVIEW.put("requestSubResource", "Subresource of the original request");
        REVIEW.put("dryRun", "Whether the request is a dry run");
        REVIEW.put("options", "Operation options (CreateOptions, UpdateOptions, ...)");
        Map<String, String> gvk = new LinkedHashMap<>();
        gvk.put("group", "API group (\"\" for core)");
        gvk.put("version", "API version");
        gvk.put("kind", "Kind");
        Map<String, String> gvr = new LinkedHashMap<>();
        gvr.put("group", "API group");
        gvr.put("version", "API version");
        gvr.put("resource", "Resource (plural)");
        Map<String, String> user = new LinkedHashMap<>();
        user.put("username", "User name");
        user.put("uid", "User id");
        user.put("groups", "Groups of the user");
        user.put("extra", "Extra attributes");
        REVIEW_NESTED.put("kind", gvk);
        REVIEW_NESTED.put("requestKind", gvk);
        REVIEW_NESTED.put("resource", gvr);
        REVIEW_NESTED.put("requestResource", gvr);
        REVIEW_NESTED.put("userInfo", user);
    }

    private CompletionFeature() {}

    public static CompletionList complete(Workspace ws, DocumentState doc, Position pos) {
        List<CompletionItem> items = new ArrayList<>();
        RegoUnit u = doc.unitAt(pos);
        if (u == null) return new CompletionList(false, items);
        int offset = u.fromHost(pos);
        String text = u.text();
        if (Context.inCommentOrString(text, offset)) return new CompletionList(false, items);
        String line = Context.linePrefix(text, offset);
        Matcher im = IMPORT_LINE.matcher(line);
        if (im.matches()) {
            imports(ws, items);
            return new CompletionList(false, items);
        }
        Context.RefPrefix ref = Context.dotted(text, offset);
        if (ref != null) {
            dotted(ws, doc, u, ref, items);
            return new CompletionList(false, items);
        }
        boolean top = Context.depth(text, offset) == 0 && line.strip().equals(Context.word(text, offset));
        if (top && line.startsWith(line.strip())) {
            topLevel(ws, u, items);
        } else {
            body(ws, u, pos, items);
        }
        return new CompletionList(false, items);
    }

    // ------------------------------------------------------------------ after a dot

    private static void dotted(Workspace ws, DocumentState doc, RegoUnit u, Context.RefPrefix ref, List<CompletionItem> items) {
        List<String> path = ref.path();
        switch (ref.head()) {
            case "input" -> input(ws, doc, path, items);
            case "data" -> data(ws, path, items);
            default -> {
                // an imported package: import data.lib.x [as y]
                Module m = module(ws, u);
                if (m != null) {
                    for (Import i : m.imports()) {
                        if (i.name().equals(ref.head()) && i.path().toString().startsWith("data.")) {
                            List<String> full = new ArrayList<>(Context.segments(i.path().toString()));
                            full.addAll(path);
                            data(ws, full.subList(1, full.size()), items);
                            return;
                        }
                    }
                }
                // a builtin namespace: strings., time., io.jwt.
                String prefix = ref.head() + (path.isEmpty() ? "" : "." + String.join(".", path)) + ".";
                Set<String> next = new TreeSet<>();
                for (BuiltinCatalog.Entry e : BuiltinCatalog.all().values()) {
                    if (!e.name().startsWith(prefix) || e.name().startsWith("internal.")) continue;
                    String rest = e.name().substring(prefix.length());
                    int dot = rest.indexOf('.');
                    if (dot < 0) items.add(builtin(e, rest));
                    else next.add(rest.substring(0, dot));
                }
                for (String n : next) items.add(item(n, CompletionItemKind.Module, "namespace", null, "1"));
            }
        }
    }

    private static void input(Workspace ws, DocumentState doc, List<String> path, List<CompletionItem> items) {
        if (path.isEmpty()) {
            items.add(item("review", CompletionItemKind.Field, "AdmissionRequest", "The object under review and its request", "0"));
            items.add(item("parameters", CompletionItemKind.Field, "object", "The constraint's spec.parameters", "0"));
            return;
        }
        if (path.get(0).equals("review")) {
            if (path.size() == 1) {
                REVIEW.forEach((k, d) -> items.add(item(k, CompletionItemKind.Field, "input.review." + k, d, "0")));
                return;
            }
            String f = path.get(1);
            if ((f.equals("object") || f.equals("oldObject"))) {
                List<String> rest = path.subList(2, path.size());
                Map<String, String> fields = KubernetesSchema.load().fields(ws.kinds(), rest);
                Set<String> added = new LinkedHashSet<>();
                fields.forEach((k, t) -> {
                    added.add(k);
                    items.add(item(k, CompletionItemKind.Field, t, "Kubernetes " + String.join(".", rest)
                            + (rest.isEmpty() ? "" : ".") + k + ": " + t, "0"));
                });
                Shape s = ws.samples().at(rest);
                if (s != null) {
                    s.fields.forEach((k, v) -> {
                        if (added.add(k)) items.add(item(k, CompletionItemKind.Field, v.type, "From the sample objects", "0"));
                    });
                }
                return;
            }
            Map<String, String> nested = REVIEW_NESTED.get(f);
            if (nested != null && path.size() == 2) {
                nested.forEach((k, d) -> items.add(item(k, CompletionItemKind.Field, null, d, "0")));
            }
            return;
        }
        if (path.get(0).equals("parameters")) {
            Shape p = doc.parameters() != null ? doc.parameters() : ws.parameters();
            Shape s = p == null ? null : p.at(path.subList(1, path.size()));
            if (s != null) {
                s.fields.forEach((k, v) -> items.add(item(k, CompletionItemKind.Field, v.type, v.description, "0")));
            }
        }
    }

    private static void data(Workspace ws, List<String> path, List<CompletionItem> items) {
        if (path.isEmpty()) {
            items.add(item("inventory", CompletionItemKind.Module, "Gatekeeper inventory", "Cached cluster objects (sync config)", "0"));
        }
        if (path.size() == 1 && path.get(0).equals("inventory")) {
            CompletionItem c = item("cluster", CompletionItemKind.Field, "cluster-scoped objects",
                    "data.inventory.cluster[<groupVersion>][<kind>][<name>]", "0");
            c.setInsertText("cluster[${1:\"v1\"}][${2:\"Namespace\"}][${3:name}]");
            c.setInsertTextFormat(InsertTextFormat.Snippet);
            items.add(c);
            CompletionItem n = item("namespace", CompletionItemKind.Field, "namespaced objects",
                    "data.inventory.namespace[<namespace>][<groupVersion>][<kind>][<name>]", "0");
            n.setInsertText("namespace[${1:ns}][${2:\"v1\"}][${3:\"Pod\"}][${4:name}]");
            n.setInsertTextFormat(InsertTextFormat.Snippet);
            items.add(n);
            return;
        }
        // packages and rules in the workspace
        String prefix = String.join(".", path);
        Set<String> seen = new LinkedHashSet<>();
        for (RegoUnit u : ws.units()) {
            String pkg = u.packageName();
            if (pkg == null) continue;
            if (pkg.equals(prefix)) {
                for (Rule r : u.module().rules()) {
                    String n = Ast.ruleName(r);
                    if (seen.add("r:" + n)) {
                        items.add(item(n, r.head().args() != null ? CompletionItemKind.Function : CompletionItemKind.Property,
                                "data." + pkg + "." + n, null, "0"));
                    }
                }
            } else if (prefix.isEmpty() || pkg.startsWith(prefix + ".")) {
                String rest = prefix.isEmpty() ? pkg : pkg.substring(prefix.length() + 1);
                String next = rest.contains(".") ? rest.substring(0, rest.indexOf('.')) : rest;
                if (seen.add("p:" + next)) items.add(item(next, CompletionItemKind.Module, "package", null, "0"));
            }
        }
        if (path.isEmpty() && seen.add("p:lib")) items.add(item("lib", CompletionItemKind.Module, "Gatekeeper libraries", null, "0"));
    }

    private static void imports(Workspace ws, List<CompletionItem> items) {
        Set<String> seen = new LinkedHashSet<>();
        for (RegoUnit u : ws.units()) {
            String pkg = u.packageName();
            if (pkg != null && pkg.startsWith("lib.") && seen.add(pkg)) {
                items.add(item("data." + pkg, CompletionItemKind.Module, "library package", null, "0"));
            }
        }
        for (String s : List.of("rego.v1", "future.keywords", "future.keywords.in", "future.keywords.if",
                "future.keywords.contains", "future.keywords.every")) {
            items.add(item(s, CompletionItemKind.Module, "keywords", null, "1"));
        }
    }

    // ------------------------------------------------------------------ words

    private static void topLevel(Workspace ws, RegoUnit u, List<CompletionItem> items) {
        boolean v1 = u.version() == RegoVersion.V1 || u.text().contains("import rego.v1");
        for (String k : List.of("package", "import", "default")) items.add(item(k, CompletionItemKind.Keyword, "keyword", null, "1"));
        items.add(snippet("violation", "Gatekeeper violation rule",
                v1 ? "violation contains {\"msg\": msg} if {\n\t${1:true}\n\tmsg := sprintf(\"${2:message}: %v\", [${3:value}])\n}"
                   : "violation[{\"msg\": msg}] {\n\t${1:true}\n\tmsg := sprintf(\"${2:message}: %v\", [${3:value}])\n}"));
        items.add(snippet("violation with details", "violation rule with details",
                v1 ? "violation contains {\"msg\": msg, \"details\": {${1}}} if {\n\t${2:true}\n\tmsg := sprintf(\"${3:message}\", [])\n}"
                   : "violation[{\"msg\": msg, \"details\": {${1}}}] {\n\t${2:true}\n\tmsg := sprintf(\"${3:message}\", [])\n}"));
        items.add(snippet("rule", "rule", v1 ? "${1:name} if {\n\t${2:true}\n}" : "${1:name} {\n\t${2:true}\n}"));
        items.add(snippet("function", "function", v1 ? "${1:name}(${2:x}) := ${3:y} if {\n\t${0}\n}" : "${1:name}(${2:x}) = ${3:y} {\n\t${0}\n}"));
        for (RegoUnit other : ws.units()) {
            String pkg = other.packageName();
            if (pkg != null && pkg.startsWith("lib.") && other != u) {
                CompletionItem c = item("import data." + pkg, CompletionItemKind.Module, "import library", null, "2");
                c.setFilterText("import " + pkg);
                items.add(c);
            }
        }
        rules(ws, u, items);
    }

    private static void body(Workspace ws, RegoUnit u, Position pos, List<CompletionItem> items) {
        for (String k : List.of("some", "every", "not", "in", "with", "as", "if", "else", "contains", "true", "false", "null", "default")) {
            items.add(item(k, CompletionItemKind.Keyword, "keyword", null, "3"));
        }
        items.add(snippet("some in", "iterate", "some ${1:x} in ${2:xs}"));
        items.add(snippet("every", "every element satisfies", "every ${1:x} in ${2:xs} {\n\t${0}\n}"));
        items.add(snippet("array comprehension", "[x | ...]", "[${1:x} | ${2:some x in xs}]"));
        items.add(snippet("set comprehension", "{x | ...}", "{${1:x} | ${2:some x in xs}}"));
        items.add(snippet("object comprehension", "{k: v | ...}", "{${1:k}: ${2:v} | ${3:some k, v in xs}}"));
        items.add(item("input", CompletionItemKind.Variable, "input document", "Gatekeeper passes {review, parameters}", "1"));
        items.add(item("data", CompletionItemKind.Variable, "data document", "data.lib.* libraries and data.inventory", "1"));
        Set<String> ns = new TreeSet<>();
        for (BuiltinCatalog.Entry e : BuiltinCatalog.all().values()) {
            if (e.name().startsWith("internal.") || !e.infix().isEmpty()) continue;
            int dot = e.name().indexOf('.');
            if (dot < 0) items.add(builtin(e, e.name()));
            else ns.add(e.name().substring(0, dot));
        }
        for (String n : ns) items.add(item(n, CompletionItemKind.Module, "builtin namespace", null, "4"));
        rules(ws, u, items);
        Module m = module(ws, u);
        if (m == null) return;
        Set<String> names = new LinkedHashSet<>();
        for (Import i : m.imports()) if (!i.isSyntaxImport()) names.add(i.name());
        for (String n : names) items.add(item(n, CompletionItemKind.Module, "import", null, "1"));
        // variables of the rule around the cursor (by line: the last good module may be older than the text)
        int line = pos.getLine() - u.hostLine() + 1;
        Set<String> ruleNames = new java.util.HashSet<>();
        for (Rule r : m.rules()) ruleNames.add(Ast.ruleName(r));
        // the word being typed parses as a variable of its own: it is no candidate unless it also occurs elsewhere
        int typed = wordStart(u.text(), u.fromHost(pos));
        for (Rule r : m.rules()) {
            if (r.location().startLine() > line || endLine(r) < line) continue;
            Set<String> vars = new LinkedHashSet<>();
            Ast.rule(r, new Ast.Visitor() {
                @Override
                public void term(Term t) {
                    if (t instanceof Var v && !v.isWildcard() && !v.isGenerated()
                            && v.location().startOffset() != typed) vars.add(v.name());
                }
            });
            vars.removeAll(ruleNames);
            vars.removeAll(names);
            vars.remove("input");
            vars.remove("data");
            for (String v : vars) items.add(item(v, CompletionItemKind.Variable, "local variable", null, "0"));
        }
    }

    private static int wordStart(String text, int offset) {
        int start = Math.min(offset, text.length());
        while (start > 0 && (Character.isLetterOrDigit(text.charAt(start - 1)) || text.charAt(start - 1) == '_')) start--;
        return start;
    }

    private static int endLine(Rule r) {
        int end = r.location().endLine();
        for (Rule e = r.elseRule(); e != null; e = e.elseRule()) end = Math.max(end, e.location().endLine());
        return end;
    }

    private static void rules(Workspace ws, RegoUnit u, List<CompletionItem> items) {
        Module m = module(ws, u);
        if (m == null) return;
        Set<String> seen = new LinkedHashSet<>();
        String pkg = m.pkg().pathString();
        for (RegoUnit other : ws.units()) {
            Module om = other == u ? m : other.parsed() ? other.module() : null;
            if (om == null || !pkg.equals(om.pkg().pathString())) continue;
            for (Rule r : om.rules()) {
                String n = Ast.ruleName(r);
                if (!seen.add(n)) continue;
                if (r.head().args() != null) {
                    CompletionItem c = item(n, CompletionItemKind.Function, n + "(" + args(r) + ")", Hovers.ruleDoc(r), "0");
                    c.setInsertText(n + "(${1})");
                    c.setInsertTextFormat(InsertTextFormat.Snippet);
                    items.add(c);
                } else {
                    items.add(item(n, CompletionItemKind.Property, "rule", Hovers.ruleDoc(r), "0"));
                }
            }
        }
    }

    static String args(Rule r) {
        List<String> out = new ArrayList<>();
        for (Term t : r.head().args()) out.add(t instanceof Var v && v.isWildcard() ? "_" : t.toString());
        return String.join(", ", out);
    }

    /** The unit's module if it parses, else the last module of the document that did. */
    static Module module(Workspace ws, RegoUnit u) {
        if (u.parsed()) return u.module();
        if (u.index() < 0) return ws.lastGood(u.uri());
        return null;
    }

    static CompletionItem builtin(BuiltinCatalog.Entry e, String label) {
        CompletionItem c = item(label, CompletionItemKind.Function, e.signature(), e.description(), "2");
        c.setInsertText(label + (e.args().isEmpty() ? "()" : "(${1})"));
        c.setInsertTextFormat(InsertTextFormat.Snippet);
        if (e.deprecated()) c.setTags(List.of(org.eclipse.lsp4j.CompletionItemTag.Deprecated));
        return c;
    }

    static CompletionItem item(String label, CompletionItemKind kind, String detail, String doc, String sort) {
        CompletionItem c = new CompletionItem(label);
        c.setKind(kind);
        if (detail != null) c.setDetail(detail);
        if (doc != null && !doc.isEmpty()) c.setDocumentation(new MarkupContent(MarkupKind.MARKDOWN, doc));
        c.setSortText(sort + label);
        return c;
    }

    static CompletionItem snippet(String label, String detail, String body) {
        CompletionItem c = item(label, CompletionItemKind.Snippet, detail, "```rego\n" + body.replaceAll("\\$\\{\\d+:?([^}]*)}", "$1").replaceAll("\\$\\d", "") + "\n```", "5");
        c.setInsertText(body);
        c.setInsertTextFormat(InsertTextFormat.Snippet);
        return c;
    }
}
