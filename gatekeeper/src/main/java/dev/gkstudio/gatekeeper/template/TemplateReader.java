package dev.gkstudio.gatekeeper.template;

import dev.gkstudio.gatekeeper.util.Obj;
import dev.gkstudio.gatekeeper.yaml.PositionIndex;
import dev.gkstudio.gatekeeper.yaml.YamlDocument;
import dev.gkstudio.rego.value.ArrayValue;
import dev.gkstudio.rego.value.BooleanValue;
import dev.gkstudio.rego.value.ObjectValue;
import dev.gkstudio.rego.value.Value;
import java.util.ArrayList;
import java.util.List;

/** Turns a ConstraintTemplate object (v1, v1beta1, v1alpha1) into a {@link ConstraintTemplate}. */
public final class TemplateReader {
    public static final String GROUP = "templates.gatekeeper.sh";

    private TemplateReader() {
    }

    public static boolean isTemplate(Value obj) {
        String[] gv = Obj.groupVersion(obj);
        return GROUP.equals(gv[0]) && "ConstraintTemplate".equals(Obj.kind(obj));
    }

    public static ConstraintTemplate read(YamlDocument doc) {
        return read((ObjectValue) doc.value(), doc.positions());
    }

    public static ConstraintTemplate read(ObjectValue obj, PositionIndex positions) {
        String apiVersion = Obj.str(obj, "apiVersion");
        String version = Obj.groupVersion(obj)[1];
        String kind = Obj.str(obj, "spec", "crd", "spec", "names", "kind");
        List<String> shortNames = Obj.strings(Obj.get(obj, "spec", "crd", "spec", "names", "shortNames"));
        ObjectValue schema = Obj.obj(obj, "spec", "crd", "spec", "validation", "openAPIV3Schema");
        Value legacy = Obj.get(obj, "spec", "crd", "spec", "validation", "legacySchema");
        boolean legacySchema = legacy instanceof BooleanValue b ? b.value() : !"v1".equals(version);
        List<ConstraintTemplate.Target> targets = new ArrayList<>();
        ArrayValue ts = Obj.arr(obj, "spec", "targets");
        if (ts != null) {
            for (int i = 0; i < ts.size(); i++) {
                Value t = ts.get(i);
                String base = "spec.targets[" + i + "]";
                targets.add(readTarget(t, base));
            }
        }
        return new ConstraintTemplate(apiVersion, Obj.name(obj), kind, shortNames, schema, legacySchema,
                targets, obj, positions == null ? new PositionIndex() : positions);
    }

    private static ConstraintTemplate.Target readTarget(Value t, String base) {
        String name = Obj.str(t, "target");
        List<String> engines = new ArrayList<>();
        RegoCode rego = null;
        CelCode cel = null;
        ArrayValue code = Obj.arr(t, "code");
        if (code != null) {
            for (int j = 0; j < code.size(); j++) {
                Value c = code.get(j);
                String engine = Obj.str(c, "engine");
                engines.add(engine);
                if (cel == null && "K8sNativeValidation".equals(engine)) cel = readCel(Obj.get(c, "source"), base + ".code[" + j + "].source");
                if (rego == null && "Rego".equals(engine)) {
                    String src = base + ".code[" + j + "].source";
                    List<String> libs = Obj.strings(Obj.get(c, "source", "libs"));
                    List<String> libPaths = new ArrayList<>();
                    for (int k = 0; k < libs.size(); k++) libPaths.add(src + ".libs[" + k + "]");
                    rego = new RegoCode(Obj.str(c, "source", "rego"), libs,
                            "v1".equals(Obj.str(c, "source", "version")), src + ".rego", libPaths);
                }
            }
        }
        String legacy = Obj.str(t, "rego");
        if (!legacy.isEmpty()) {
            List<String> libs = Obj.strings(Obj.get(t, "libs"));
            List<String> libPaths = new ArrayList<>();
            for (int k = 0; k < libs.size(); k++) libPaths.add(base + ".libs[" + k + "]");
            rego = new RegoCode(legacy, libs, false, base + ".rego", libPaths);
            if (!engines.contains("Rego")) engines.add(0, "Rego");
        }
        return new ConstraintTemplate.Target(name, rego, engines, Obj.strings(Obj.get(t, "operations")), cel);
    }

    private static CelCode readCel(Value source, String path) {
        if (!(source instanceof ObjectValue)) {
            return new CelCode(List.of(), List.of(), List.of(), null, "could not recognize the type", path);
        }
        List<CelCode.Validation> validations = new ArrayList<>();
        ArrayValue vs = Obj.arr(source, "validations");
        if (vs != null) {
            for (int i = 0; i < vs.size(); i++) {
                Value v = vs.get(i);
                validations.add(new CelCode.Validation(Obj.str(v, "expression"), Obj.str(v, "message"),
                        Obj.str(v, "messageExpression"), path + ".validations[" + i + "]"));
            }
        }
        List<CelCode.Variable> variables = new ArrayList<>();
        ArrayValue vars = Obj.arr(source, "variables");
        if (vars != null) {
            for (int i = 0; i < vars.size(); i++) {
                Value v = vars.get(i);
                variables.add(new CelCode.Variable(Obj.str(v, "name"), Obj.str(v, "expression"), path + ".variables[" + i + "]"));
            }
        }
        List<CelCode.MatchCondition> conditions = new ArrayList<>();
        ArrayValue mcs = Obj.arr(source, "matchCondition");
        if (mcs != null) {
            for (int i = 0; i < mcs.size(); i++) {
                Value v = mcs.get(i);
                conditions.add(new CelCode.MatchCondition(Obj.str(v, "name"), Obj.str(v, "expression"), path + ".matchCondition[" + i + "]"));
            }
        }
        Value fp = Obj.get(source, "failurePolicy");
        String failurePolicy = fp == null || Obj.isNull(fp) ? null : Obj.str(source, "failurePolicy");
        return new CelCode(validations, variables, conditions, failurePolicy, null, path);
    }
}
