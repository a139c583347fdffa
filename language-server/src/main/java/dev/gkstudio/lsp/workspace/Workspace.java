package dev.gkstudio.lsp.workspace;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import dev.gkstudio.lsp.schema.Shape;
import dev.gkstudio.rego.ast.Module;
import dev.gkstudio.rego.ast.RegoVersion;
import dev.gkstudio.rego.value.ObjectValue;
import dev.gkstudio.rego.value.StringValue;
import dev.gkstudio.rego.value.Value;

/**
 * The open documents of one session and the context the IDE sends (see README: workspace context).
 * Thread-safe: documents are replaced atomically, analyses are immutable snapshots.
 */
public final class Workspace {

    private final Map<String, DocumentState> documents = new ConcurrentHashMap<>();
    /** The last module of each URI that parsed, for completion while the text is broken. */
    private final Map<String, Module> lastGood = new ConcurrentHashMap<>();
    private volatile Settings settings = Settings.EMPTY;

    /**
     * Context from {@code workspace/didChangeConfiguration} ({@code settings.gatekeeper}) or the
     * {@code gatekeeper/workspaceContext} notification.
     *
     * @param parameters    the template's parameters schema (openAPIV3Schema), or null
     * @param samples       sample Kubernetes objects (JSON)
     * @param kinds         the kinds the constraint matches (e.g. Pod), empty for all
     * @param templateUris  URIs of .rego documents that are a template's entry point
     * @param regoVersion   the Rego version of every .rego document (the IDE knows the template's source.version);
     *                      null when not configured: v1 for documents that say so, else v0
     * @param rulesBaseUrl  base of the lint rule documentation links
     */
    public record Settings(Shape parameters, List<JsonElement> samples, List<String> kinds, List<String> templateUris,
                           RegoVersion regoVersion, String rulesBaseUrl) {
        public static final Settings EMPTY = new Settings(null, List.of(), List.of(), List.of(), null,
                "/rules/");

        public static Settings from(JsonElement json, Settings base) {
            if (json == null || !json.isJsonObject()) return base;
            JsonObject o = json.getAsJsonObject();
            if (o.has("gatekeeper") && o.get("gatekeeper").isJsonObject()) o = o.getAsJsonObject("gatekeeper");
            Shape params = base.parameters;
            if (o.has("parameters")) params = o.get("parameters").isJsonObject() ? new Shape().addSchema(o.get("parameters")) : null;
            List<JsonElement> samples = base.samples;
            if (o.has("samples") && o.get("samples").isJsonArray()) {
                samples = new ArrayList<>();
                for (JsonElement e : o.getAsJsonArray("samples")) samples.add(e);
            }
            return new Settings(params, List.copyOf(samples), strings(o.get("kinds"), base.kinds),
                    strings(o.get("templateUris"), base.templateUris),
                    o.has("regoVersion") ? ("v1".equalsIgnoreCase(o.get("regoVersion").getAsString()) ? RegoVersion.V1 : RegoVersion.V0)
                            : base.regoVersion,
                    o.has("rulesBaseUrl") ? o.get("rulesBaseUrl").getAsString() : base.rulesBaseUrl);
        }

        private static List<String> strings(JsonElement e, List<String> dflt) {
            if (e == null || !e.isJsonArray()) return dflt;
            List<String> out = new ArrayList<>();
            for (JsonElement x : (JsonArray) e) if (x.isJsonPrimitive()) out.add(x.getAsString());
            return List.copyOf(out);
        }
    }

    public Settings settings() { return settings; }

    public void settings(Settings s) {
        this.settings = s;
        // the template flag and default version may change: re-analyse
        for (DocumentState d : documents.values()) put(d.document());
    }

    public DocumentState put(Document d) {
        boolean templateHint = settings.templateUris().contains(d.uri()) || d.uri().endsWith("template.rego");
        DocumentState s = new DocumentState(d, settings.regoVersion(), templateHint);
        documents.put(d.uri(), s);
        for (RegoUnit u : s.units()) if (u.parsed() && u.index() < 0) lastGood.put(d.uri(), u.module());
        return s;
    }

    public void remove(String uri) {
        documents.remove(uri);
        lastGood.remove(uri);
    }

    public DocumentState get(String uri) { return documents.get(uri); }

    public Collection<DocumentState> all() { return documents.values(); }

    /** The last module of the document that parsed (the current one if it parses), or null. */
    public Module lastGood(String uri) { return lastGood.get(uri); }

    /** Every parsed Rego unit in the workspace. */
    public List<RegoUnit> units() {
        List<RegoUnit> out = new ArrayList<>();
        for (DocumentState d : documents.values()) out.addAll(d.units());
        return out;
    }

    /** The parameters schema: from an open template YAML, else from the settings. */
    public Shape parameters() {
        for (DocumentState d : documents.values()) if (d.parameters() != null) return d.parameters();
        return settings.parameters();
    }

    /** Merged shape of the sample objects (settings and open YAML documents). */
    public Shape samples() {
        Shape s = new Shape();
        for (JsonElement e : settings.samples()) s.addSample(e);
        for (DocumentState d : documents.values()) for (Value v : d.samples()) s.addSample(v);
        return s;
    }

    /** Kinds to complete {@code input.review.object} for: settings, else kinds of the samples. */
    public List<String> kinds() {
        if (!settings.kinds().isEmpty()) return settings.kinds();
        List<String> out = new ArrayList<>();
        for (JsonElement e : settings.samples()) {
            if (e.isJsonObject() && e.getAsJsonObject().has("kind")) out.add(e.getAsJsonObject().get("kind").getAsString());
        }
        for (DocumentState d : documents.values()) {
            for (Value v : d.samples()) {
                if (v instanceof ObjectValue o && o.get("kind") instanceof StringValue k) out.add(k.value());
            }
        }
        return out;
    }
}
