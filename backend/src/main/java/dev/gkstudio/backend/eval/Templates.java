package dev.gkstudio.backend.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.gkstudio.gatekeeper.template.ConstraintTemplate;
import dev.gkstudio.gatekeeper.template.RegoCode;
import dev.gkstudio.gatekeeper.template.TemplateReader;
import dev.gkstudio.gatekeeper.util.Obj;
import dev.gkstudio.gatekeeper.yaml.YamlDocument;
import dev.gkstudio.gatekeeper.yaml.YamlException;
import dev.gkstudio.gatekeeper.yaml.YamlLoader;
import dev.gkstudio.rego.value.ArrayValue;
import dev.gkstudio.rego.value.ObjectValue;
import dev.gkstudio.rego.value.StringValue;
import dev.gkstudio.rego.value.Value;

/** A ConstraintTemplate composed from the Studio's parts, and a whole template split into them. */
public final class Templates {

    public static final String API_VERSION = "templates.gatekeeper.sh/v1";

    private Templates() {
    }

    /**
     * The template object: v0 Rego in the {@code rego}/{@code libs} fields, v1 Rego in a
     * {@code code} entry with {@code source.version: v1}.
     */
    public static ObjectValue compose(Workspace.Template t, Value schema) {
        ObjectValue.Builder metadata = ObjectValue.builder().put("name", StringValue.of(t.name()));
        if (!t.annotations().isEmpty()) {
            ObjectValue.Builder a = ObjectValue.builder();
            t.annotations().forEach((k, v) -> a.put(k, StringValue.of(v == null ? "" : v)));
            metadata.put("annotations", a.build());
        }
        ObjectValue.Builder crdSpec = ObjectValue.builder()
                .put("names", ObjectValue.builder().put("kind", StringValue.of(t.kind())).build());
        if (schema != null) {
            crdSpec.put("validation", ObjectValue.builder().put("openAPIV3Schema", schema).build());
        }
        List<Value> libs = new ArrayList<>();
        for (String lib : t.libs()) {
            libs.add(StringValue.of(lib));
        }
        ObjectValue.Builder target = ObjectValue.builder()
                .put("target", StringValue.of("admission.k8s.gatekeeper.sh"));
        if (t.v1()) {
            ObjectValue.Builder source = ObjectValue.builder().put("version", StringValue.of("v1"));
            if (!libs.isEmpty()) {
                source.put("libs", ArrayValue.of(libs));
            }
            source.put("rego", StringValue.of(t.rego()));
            target.put("code", ArrayValue.of(List.of(ObjectValue.builder()
                    .put("engine", StringValue.of("Rego"))
                    .put("source", source.build()).build())));
        } else {
            if (!libs.isEmpty()) {
                target.put("libs", ArrayValue.of(libs));
            }
            target.put("rego", StringValue.of(t.rego()));
        }
        return ObjectValue.builder()
                .put("apiVersion", StringValue.of(API_VERSION))
                .put("kind", StringValue.of("ConstraintTemplate"))
                .put("metadata", metadata.build())
                .put("spec", ObjectValue.builder()
                        .put("crd", ObjectValue.builder().put("spec", crdSpec.build()).build())
                        .put("targets", ArrayValue.of(List.of(target.build())))
                        .build())
                .build();
    }

    /** The parts of a pasted or opened ConstraintTemplate; throws with the position of YAML errors. */
    public static Workspace.Template split(String yamlText, YamlLoader yaml) throws YamlException {
        YamlDocument doc = yaml.loadOne(yamlText);
        if (!(doc.value() instanceof ObjectValue o) || !TemplateReader.isTemplate(o)) {
            throw new YamlException("not a ConstraintTemplate: expected apiVersion templates.gatekeeper.sh/v1 "
                    + "and kind ConstraintTemplate", doc.positions().key("kind"));
        }
        ConstraintTemplate t = TemplateReader.read(doc);
        RegoCode code = t.targets().isEmpty() ? null : t.targets().get(0).rego();
        Map<String, String> annotations = new LinkedHashMap<>();
        ObjectValue a = Obj.obj(o, "metadata", "annotations");
        if (a != null) {
            for (Map.Entry<Value, Value> e : a.asMap().entrySet()) {
                annotations.put(((StringValue) e.getKey()).value(),
                        e.getValue() instanceof StringValue s ? s.value() : String.valueOf(e.getValue()));
            }
        }
        String schema = t.parametersSchema() == null ? "" : YamlWriter.write(t.parametersSchema());
        return new Workspace.Template(code == null ? "" : code.rego(), code == null ? List.of() : code.libs(),
                code != null && code.v1() ? "v1" : "v0", t.kind(), t.name(), schema, annotations);
    }
}
