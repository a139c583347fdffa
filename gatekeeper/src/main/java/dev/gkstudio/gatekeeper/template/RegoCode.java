package dev.gkstudio.gatekeeper.template;

import java.util.List;

/**
 * The Rego of a template target.
 *
 * @param rego       the entry-point module text
 * @param libs       library module texts
 * @param v1         whether Rego v1 syntax is selected ({@code source.version: v1})
 * @param regoPath   YAML path of the rego text (for mapping Rego positions into the template file)
 * @param libPaths   YAML paths of each lib text
 */
public record RegoCode(String rego, List<String> libs, boolean v1, String regoPath, List<String> libPaths) {
    public RegoCode {
        libs = List.copyOf(libs);
        libPaths = List.copyOf(libPaths);
    }
}
