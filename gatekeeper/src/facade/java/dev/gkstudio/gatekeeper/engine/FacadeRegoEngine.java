package dev.gkstudio.gatekeeper.engine;

import dev.gkstudio.gatekeeper.template.RegoCode;
import dev.gkstudio.rego.CompileResult;
import dev.gkstudio.rego.result.EvalResult;
import dev.gkstudio.rego.PreparedQuery;
import dev.gkstudio.rego.result.PrintLine;
import dev.gkstudio.rego.Rego;
import dev.gkstudio.rego.ast.Diagnostic;
import dev.gkstudio.rego.ast.SourceFile;
import dev.gkstudio.rego.trace.BufferTracer;
import dev.gkstudio.rego.trace.TraceEvent;
import dev.gkstudio.rego.value.ObjectValue;
import dev.gkstudio.rego.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The Gatekeeper engine over the rego module's facade ({@link Rego}). */
public final class FacadeRegoEngine implements RegoEngine {
    /** Cap on the violations and print() output of one evaluation ({@code eval_limit_error} beyond it). */
    public static final long MAX_OUTPUT_BYTES = 64L << 20;

    @Override
    public CompiledTemplate compile(RegoCode code) throws TemplateCompileException {
        TemplateChecks.Parsed parsed = TemplateChecks.check(code);
        List<SourceFile> files = new ArrayList<>();
        files.add(new SourceFile(TemplateChecks.ENTRY_FILE, TemplateChecks.withoutAnnotations(code.rego())));
        for (int i = 0; i < code.libs().size(); i++) {
            files.add(new SourceFile(TemplateChecks.libFile(i), TemplateChecks.withoutAnnotations(code.libs().get(i))));
        }
        CompileResult r = Rego.compile(files, parsed.version());
        if (!r.ok()) {
            List<Diagnostic> errs = new ArrayList<>();
            for (Diagnostic d : r.diagnostics()) if (!d.code().contains("warning")) errs.add(d);
            if (errs.isEmpty()) errs = r.diagnostics();
            Diagnostic first = errs.get(0);
            String file = first.location().file();
            int module = -1;
            for (int i = 0; i < code.libs().size(); i++) if (TemplateChecks.libFile(i).equals(file)) module = i;
            throw new TemplateCompileException("unable to compile modules: " + TemplateChecks.opaErrors(errs),
                    TemplateChecks.where(module, first.location()));
        }
        String query = parsed.entry().pkg().path() + ".violation[result]";
        PreparedQuery q;
        try {
            q = r.policy().prepare(query);
        } catch (RuntimeException e) {
            throw new TemplateCompileException("unable to compile modules: " + e.getMessage(), null);
        }
        return (input, inventory, options) -> eval(q, input, inventory, options);
    }

    private static EvalOutcome eval(PreparedQuery q, Value input, Value inventory, EvalOptions options) {
        dev.gkstudio.rego.result.EvalOptions.Builder b = dev.gkstudio.rego.result.EvalOptions.builder().input(input);
        if (inventory != null) b.data(ObjectValue.builder().put("inventory", inventory).build());
        if (options.timeout() != null) b.timeout(options.timeout());
        // gator has no output limit, but a policy must not exhaust the CLI's memory with a huge violation
        b.maxOutputBytes(MAX_OUTPUT_BYTES);
        BufferTracer tracer = options.trace() ? new BufferTracer() : null;
        if (tracer != null) b.tracer(tracer);
        if (options.coverage()) b.coverage(true);
        EvalResult res = q.eval(b.build());
        List<String> prints = new ArrayList<>();
        for (PrintLine p : res.prints()) prints.add(p.text());
        String trace = null;
        if (tracer != null) {
            StringBuilder sb = new StringBuilder();
            for (TraceEvent e : tracer.events()) sb.append(e).append('\n');
            trace = sb.toString();
        }
        if (res.error() != null) {
            return new EvalOutcome(null, res.error().toString(), prints, trace, null);
        }
        List<Value> elements = new ArrayList<>();
        for (Map<String, Value> row : res.bindings()) {
            Value v = row.get("result");
            if (v != null) elements.add(v);
        }
        return new EvalOutcome(elements, null, prints, trace, null);
    }
}
