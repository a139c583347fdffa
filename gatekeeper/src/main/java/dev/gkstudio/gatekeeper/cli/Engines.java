package dev.gkstudio.gatekeeper.cli;

import dev.gkstudio.gatekeeper.client.TemplateCompiler;
import dev.gkstudio.gatekeeper.engine.EngineOptions;
import dev.gkstudio.gatekeeper.engine.GatekeeperRegoEngine;
import dev.gkstudio.gatekeeper.engine.RegoEngine;

/** The CLI's engine: the Gatekeeper adapter with the CLI's options. */
public final class Engines {
    private Engines() {
    }

    public static RegoEngine engine() {
        return new GatekeeperRegoEngine(EngineOptions.CLI);
    }

    public static TemplateCompiler compiler() {
        return new TemplateCompiler(engine());
    }

    /** @param k8sNativeValidation whether the K8sNativeValidation (CEL) driver is enabled, as gator's flag */
    public static TemplateCompiler compiler(boolean k8sNativeValidation) {
        return new TemplateCompiler(engine(), k8sNativeValidation);
    }
}
