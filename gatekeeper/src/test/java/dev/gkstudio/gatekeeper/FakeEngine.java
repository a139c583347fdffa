package dev.gkstudio.gatekeeper;

import dev.gkstudio.gatekeeper.engine.CompiledTemplate;
import dev.gkstudio.gatekeeper.engine.EvalOutcome;
import dev.gkstudio.gatekeeper.engine.RegoEngine;
import dev.gkstudio.gatekeeper.engine.TemplateChecks;
import dev.gkstudio.gatekeeper.engine.TemplateCompileException;
import dev.gkstudio.gatekeeper.template.RegoCode;
import dev.gkstudio.rego.value.Value;
import java.util.List;
import java.util.function.BiFunction;

/** Runs Gatekeeper's template checks for real, then evaluates with a Java function instead of Rego. */
public final class FakeEngine implements RegoEngine {
    private final BiFunction<Value, Value, EvalOutcome> fn;

    public FakeEngine(BiFunction<Value, Value, EvalOutcome> fn) {
        this.fn = fn;
    }

    public static FakeEngine returning(List<Value> elements) {
        return new FakeEngine((in, inv) -> EvalOutcome.of(elements));
    }

    @Override
    public CompiledTemplate compile(RegoCode code) throws TemplateCompileException {
        TemplateChecks.check(code);
        return (input, inventory, options) -> fn.apply(input, inventory);
    }
}
