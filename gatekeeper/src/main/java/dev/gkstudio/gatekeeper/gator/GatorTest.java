package dev.gkstudio.gatekeeper.gator;

import dev.gkstudio.gatekeeper.client.GatekeeperClient;
import dev.gkstudio.gatekeeper.client.GatekeeperException;
import dev.gkstudio.gatekeeper.client.Result;
import dev.gkstudio.gatekeeper.client.TemplateCompiler;
import dev.gkstudio.gatekeeper.constraint.EnforcementActions;
import dev.gkstudio.gatekeeper.engine.EvalOptions;
import dev.gkstudio.gatekeeper.review.ReviewBuilder;
import dev.gkstudio.gatekeeper.template.TemplateReader;
import dev.gkstudio.gatekeeper.util.Obj;
import dev.gkstudio.gatekeeper.yaml.YamlDocument;
import dev.gkstudio.rego.value.Json;
import dev.gkstudio.rego.value.ObjectValue;
import dev.gkstudio.rego.value.Value;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** {@code gator test}: every object reviewed against every template and constraint found in the inputs. */
public final class GatorTest {
    private GatorTest() {
    }

    /** Reads files and directories (recursively: .yaml, .yml, .json). */
    public static List<YamlDocument> readSources(List<String> paths) throws GatorError {
        List<YamlDocument> out = new ArrayList<>();
        for (String p : paths) {
            Path path = Path.of(p);
            if (!Files.exists(path)) throw new GatorError("reading: path does not exist: " + p);
            List<Path> files = new ArrayList<>();
            if (Files.isDirectory(path)) {
                try (Stream<Path> s = Files.walk(path)) {
                    s.filter(f -> !Files.isDirectory(f)).filter(f -> {
                        String n = f.getFileName().toString();
                        return n.endsWith(".yaml") || n.endsWith(".yml") || n.endsWith(".json");
                    }).sorted().forEach(files::add);
                } catch (IOException e) {
                    throw new GatorError("reading: " + e.getMessage());
                }
            } else {
                files.add(path);
            }
            for (Path f : files) {
                try {
                    out.addAll(ObjectFiles.readObjects(f));
                } catch (GatorError e) {
                    throw new GatorError("reading: " + e.getMessage());
                }
            }
        }
        return out;
    }

    /** Runs gator test over the objects; results sorted by enforcement action then message. */
    public static List<Result> test(List<YamlDocument> docs, TemplateCompiler compiler, boolean trace) throws GatorError {
        GatekeeperClient client = new GatekeeperClient(compiler, EnforcementActions.GATOR);
        for (YamlDocument d : docs) {
            if (!TemplateReader.isTemplate(d.value())) continue;
            try {
                client.addTemplate(TemplateReader.read(d));
            } catch (GatekeeperException e) {
                throw new GatorError("auditing objects: adding template \"" + Obj.name(d.value()) + "\": " + e.getMessage());
            }
        }
        for (YamlDocument d : docs) {
            if (!"constraints.gatekeeper.sh".equals(Obj.groupVersion(d.value())[0])) continue;
            try {
                client.addConstraint((ObjectValue) d.value(), d.positions());
            } catch (GatekeeperException e) {
                throw new GatorError("auditing objects: adding constraint \"" + Obj.name(d.value()) + "\": " + e.getMessage());
            }
        }
        for (YamlDocument d : docs) {
            String e = client.addData(d.value());
            if (e != null) {
                String[] gv = Obj.groupVersion(d.value());
                throw new GatorError("auditing objects: adding data of GVK \"" + gv[0] + "/" + gv[1] + ", Kind=" + Obj.kind(d.value()) + "\": " + e);
            }
        }
        List<Result> results = new ArrayList<>();
        for (YamlDocument d : docs) {
            Value obj = d.value();
            try {
                results.addAll(client.review(ReviewBuilder.fromObject(obj, null, "Original"),
                        EvalOptions.DEFAULT.withTrace(trace)).results());
            } catch (GatekeeperException e) {
                String[] gv = Obj.groupVersion(obj);
                throw new GatorError("auditing objects: reviewing " + gv[0] + "/" + gv[1] + ", Kind=" + Obj.kind(obj) + " "
                        + Obj.namespace(obj) + "/" + Obj.name(obj) + ": " + e.getMessage());
            }
        }
        results.sort(Comparator.comparing(Result::enforcementAction).thenComparing(Result::msg));
        return results;
    }

    /** The default human-readable output. */
    public static String formatText(List<Result> results) {
        StringBuilder sb = new StringBuilder();
        for (Result r : results) {
            Value o = r.subject();
            String obj = Obj.str(o, "apiVersion") + "/" + Obj.kind(o) + " "
                    + (Obj.namespace(o).isEmpty() ? "" : Obj.namespace(o) + "/") + Obj.name(o);
            sb.append(obj).append(": [").append(Json.quote(Obj.name(r.constraint()))).append("] Message: ")
                    .append(Json.quote(r.msg())).append('\n');
            if (r.trace() != null) sb.append("Trace: ").append(r.trace());
        }
        return sb.toString();
    }

    /** The GatorResult objects of -o json / -o yaml. */
    public static List<Value> resultValues(List<Result> results) {
        List<Value> out = new ArrayList<>();
        for (Result r : results) {
            ObjectValue.Builder b = ObjectValue.builder()
                    .put("target", dev.gkstudio.rego.value.StringValue.of(GatekeeperClient.TARGET))
                    .put("msg", dev.gkstudio.rego.value.StringValue.of(r.msg()))
                    .put("metadata", ObjectValue.builder().put("details", r.details()).build())
                    .put("constraint", r.constraint())
                    .put("enforcementAction", dev.gkstudio.rego.value.StringValue.of(r.enforcementAction()));
            if (!r.scopedActions().isEmpty()) {
                b.put("scopedEnforcementActions", dev.gkstudio.rego.value.ArrayValue.of(
                        r.scopedActions().stream().map(s -> (Value) dev.gkstudio.rego.value.StringValue.of(s)).toList()));
            }
            b.put("violatingObject", r.subject());
            b.put("trace", r.trace() == null ? dev.gkstudio.rego.value.NullValue.INSTANCE : dev.gkstudio.rego.value.StringValue.of(r.trace()));
            out.add(b.build());
        }
        return out;
    }

    public static boolean anyDeny(List<Result> results) {
        for (Result r : results) if (r.isDeny()) return true;
        return false;
    }
}
