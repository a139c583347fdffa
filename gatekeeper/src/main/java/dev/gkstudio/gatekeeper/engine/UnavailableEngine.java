package dev.gkstudio.gatekeeper.engine;

import dev.gkstudio.gatekeeper.template.RegoCode;

/** Stand-in used when no Rego engine is on the class path. */
public final class UnavailableEngine implements RegoEngine {
    @Override
    public CompiledTemplate compile(RegoCode code) throws TemplateCompileException {
        throw new TemplateCompileException("the Rego engine is not available in this build", null);
    }
}
