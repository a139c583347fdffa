package dev.gkstudio.lsp.workspace;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.eclipse.lsp4j.Position;

import dev.gkstudio.gatekeeper.template.ConstraintTemplate;
import dev.gkstudio.gatekeeper.template.TemplateReader;
import dev.gkstudio.gatekeeper.yaml.YamlDocument;
import dev.gkstudio.gatekeeper.yaml.YamlLoader;
import dev.gkstudio.lsp.schema.Shape;
import dev.gkstudio.rego.ast.RegoVersion;
import dev.gkstudio.rego.value.ObjectValue;
import dev.gkstudio.rego.value.Value;

/**
 * The analysis of one document version: its Rego units and, for YAML, the template it defines (parameters
 * schema) or the sample objects it holds. Immutable once built.
 */
public final class DocumentState {

    // `contains` as a keyword, not the builtin contains(...)
    private static final Pattern V1_HINT = Pattern.compile("(?m)^\\s*import\\s+rego\\.v1\\b|\\bif\\s*\\{|\\bcontains\\b(?!\\s*\\()|^\\S.*\\bif\\s");
    private static final Pattern TEMPLATE = Pattern.compile("(?m)^kind:\\s*ConstraintTemplate\\s*$");
    private static final Pattern V1_SOURCE = Pattern.compile("(?m)^\\s*version:\\s*[\"']?v1[\"']?\\s*$");

    private final Document document;
    private final List<RegoUnit> units;
    private final boolean template;
    private final Shape parameters;
    private final List<Value> samples;

    /** @param configuredVersion the version of .rego documents, or null to tell it from the text (else v0) */
    DocumentState(Document document, RegoVersion configuredVersion, boolean templateRegoHint) {
        this.document = document;
        List<RegoUnit> us = new ArrayList<>();
        Shape params = null;
        List<Value> sampleValues = new ArrayList<>();
        boolean isTemplate = false;
        if (document.isYaml()) {
            isTemplate = TEMPLATE.matcher(document.text()).find();
            if (isTemplate) {
                RegoVersion v = V1_SOURCE.matcher(document.text()).find() ? RegoVersion.V1 : RegoVersion.V0;
                for (EmbeddedRego.Block b : EmbeddedRego.find(document.text())) {
                    us.add(new RegoUnit(document, b.index(), b.text(), b.firstLine(), b.indent(), v));
                }
            }
            try {
                for (YamlDocument d : new YamlLoader().loadAll(document.text())) {
                    if (d == null || d.value() == null) continue;
                    if (TemplateReader.isTemplate(d.value())) {
                        try {
                            ConstraintTemplate t = TemplateReader.read(d);
                            if (t.parametersSchema() != null) params = new Shape().addSchema(t.parametersSchema());
                        } catch (RuntimeException e) {
                            // an invalid template still gives its Rego; the schema is just unknown
                        }
                    } else if (d.value() instanceof ObjectValue o && o.get("kind") != null) {
                        sampleValues.add(o);
                    }
                }
            } catch (Exception e) {
                // YAML being typed: keep what the line scanner found
            }
        } else if (document.isRego()) {
            RegoVersion v = configuredVersion != null ? configuredVersion
                    : V1_HINT.matcher(document.text()).find() ? RegoVersion.V1 : RegoVersion.V0;
            us.add(new RegoUnit(document, -1, document.text(), 0, 0, v));
        }
        this.units = List.copyOf(us);
        this.template = isTemplate || (templateRegoHint && document.isRego());
        this.parameters = params;
        this.samples = List.copyOf(sampleValues);
    }

    public Document document() { return document; }

    public List<RegoUnit> units() { return units; }

    /** True for a ConstraintTemplate YAML, or a .rego document that is a template's entry point. */
    public boolean template() { return template; }

    /** The parameters schema of a template YAML, or null. */
    public Shape parameters() { return parameters; }

    /** Kubernetes objects held by a (non-template) YAML document. */
    public List<Value> samples() { return samples; }

    /** The unit at a host position, or null. */
    public RegoUnit unitAt(Position p) {
        for (RegoUnit u : units) if (u.contains(p)) return u;
        return null;
    }

    /** The entry unit (index -1), or null. */
    public RegoUnit entry() {
        for (RegoUnit u : units) if (u.index() < 0) return u;
        return null;
    }
}
