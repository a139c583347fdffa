package dev.gkstudio.backend.eval;

import dev.gkstudio.rego.ast.Location;
import dev.gkstudio.rego.ast.RegoVersion;
import dev.gkstudio.rego.ast.SourceFile;
import java.util.ArrayList;
import java.util.List;

/**
 * The workspace's Rego as one set of modules for unit tests and free queries: the template ({@code src.rego}), its
 * libs ({@code lib_<i>.rego}) and the test modules ({@link Workspace#testFile}), with the mapping from file names
 * back to the editors' module ids ({@code rego}, {@code lib:<i>}, {@code test:<i>}).
 */
final class RegoModules {
    static final String ENTRY = "src.rego";

    private RegoModules() {}

    static List<SourceFile> files(Workspace w) {
        List<SourceFile> out = new ArrayList<>();
        out.add(new SourceFile(ENTRY, w.template().rego()));
        List<String> libs = w.template().libs();
        for (int i = 0; i < libs.size(); i++) out.add(new SourceFile(libFile(i), libs.get(i)));
        for (int i = 0; i < w.tests().size(); i++) out.add(new SourceFile(Workspace.testFile(i), w.tests().get(i)));
        return out;
    }

    static RegoVersion version(Workspace w) {
        return w.template().v1() ? RegoVersion.V1 : RegoVersion.V0;
    }

    static String libFile(int i) {
        return "lib_" + i + ".rego";
    }

    /** The editor module of a file name, or null for none of ours (e.g. the query). */
    static String module(String file, Workspace w) {
        if (ENTRY.equals(file)) return "rego";
        for (int i = 0; i < w.template().libs().size(); i++) if (libFile(i).equals(file)) return "lib:" + i;
        for (int i = 0; i < w.tests().size(); i++) if (Workspace.testFile(i).equals(file)) return "test:" + i;
        return null;
    }

    /** A position in an editor module, for replies. */
    record Position(String module, int line, int column) {
        static Position of(Location l, Workspace w) {
            if (l == null || !l.isKnown()) return null;
            String m = RegoModules.module(l.file(), w);
            return new Position(m == null ? "query" : m, l.startLine(), l.startCol());
        }
    }
}
