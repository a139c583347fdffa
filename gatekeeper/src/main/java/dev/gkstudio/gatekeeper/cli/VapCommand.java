package dev.gkstudio.gatekeeper.cli;

import dev.gkstudio.gatekeeper.constraint.VapGenerator;
import dev.gkstudio.gatekeeper.gator.GatorError;
import dev.gkstudio.gatekeeper.gator.TestSources;
import dev.gkstudio.gatekeeper.template.ConstraintTemplate;
import dev.gkstudio.gatekeeper.template.TemplateReader;
import dev.gkstudio.gatekeeper.util.GoYaml;
import dev.gkstudio.gatekeeper.util.Obj;
import dev.gkstudio.gatekeeper.yaml.YamlDocument;
import dev.gkstudio.rego.value.ObjectValue;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gkstudio vap -f <files|dirs>}: the ValidatingAdmissionPolicy of every template with K8sNativeValidation
 * code and the binding of each of its constraints, as Gatekeeper's VAP generation creates them (not a gator
 * command: gator has none for this).
 */
@Command(name = "vap", description = "print the ValidatingAdmissionPolicy and bindings Gatekeeper generates for CEL templates and their constraints")
public final class VapCommand implements Callable<Integer> {
    @Option(names = {"-f", "--filename"}, required = true, description = "a file or directory with templates and constraints. Can be specified multiple times.")
    List<String> filenames = new ArrayList<>();

    @Override
    public Integer call() {
        return run(System.out, System.err);
    }

    int run(PrintStream out, PrintStream err) {
        List<YamlDocument> docs;
        try {
            docs = TestSources.readFiles(filenames);
        } catch (GatorError e) {
            err.println("reading: " + e.getMessage());
            return 1;
        }
        List<String> parts = new ArrayList<>();
        for (YamlDocument d : docs) {
            if (!TemplateReader.isTemplate(d.value())) continue;
            ConstraintTemplate t;
            try {
                t = TemplateReader.read(d);
            } catch (Exception e) {
                err.println("reading template \"" + Obj.name(d.value()) + "\": " + e.getMessage());
                return 1;
            }
            if (VapGenerator.cel(t) == null) {
                err.println("template \"" + t.name() + "\" has no K8sNativeValidation code: Gatekeeper generates no ValidatingAdmissionPolicy for it");
                continue;
            }
            parts.add(GoYaml.marshalV2(VapGenerator.policy(t)));
            for (YamlDocument c : docs) {
                if (!"constraints.gatekeeper.sh".equals(Obj.groupVersion(c.value())[0])
                        || !Obj.kind(c.value()).toLowerCase(Locale.ROOT).equals(t.name())) continue;
                try {
                    parts.add(GoYaml.marshalV2(VapGenerator.binding((ObjectValue) c.value())));
                } catch (IllegalArgumentException e) {
                    err.println("constraint \"" + Obj.name(c.value()) + "\": no binding: " + e.getMessage());
                }
            }
        }
        out.print(String.join("---\n", parts));
        out.flush();
        return parts.isEmpty() ? 1 : 0;
    }
}
