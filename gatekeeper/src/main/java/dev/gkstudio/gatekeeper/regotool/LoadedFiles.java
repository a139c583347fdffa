package dev.gkstudio.gatekeeper.regotool;

import dev.gkstudio.rego.ast.SourceFile;
import dev.gkstudio.rego.value.Value;
import java.util.List;

/**
 * What {@link RegoLoader} found below the paths: the Rego files (sorted by name, as OPA's runner orders them) and
 * the base document built from the data files.
 */
public record LoadedFiles(List<SourceFile> modules, Value data) {
    public LoadedFiles {
        modules = List.copyOf(modules);
    }
}
