package dev.gkstudio.gatekeeper.cli;

import dev.gkstudio.gatekeeper.client.TemplateCompiler;
import dev.gkstudio.gatekeeper.engine.RegoEngine;
import dev.gkstudio.gatekeeper.engine.UnavailableEngine;

/** Picks the Rego engine: the facade-backed engine when present on the class path. */
public final class Engines {
    private Engines() {
    }

    public static RegoEngine engine() {
        try {
            Class<?> c = Class.forName("dev.gkstudio.gatekeeper.engine.FacadeRegoEngine");
            return (RegoEngine) c.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            return new UnavailableEngine();
        }
    }

    public static TemplateCompiler compiler() {
        return new TemplateCompiler(engine());
    }

    /** @param k8sNativeValidation whether the K8sNativeValidation (CEL) driver is enabled, as gator's flag */
    public static TemplateCompiler compiler(boolean k8sNativeValidation) {
        return new TemplateCompiler(engine(), k8sNativeValidation);
    }
}
