package dev.gkstudio.gatekeeper.dap;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A DAP {@code launch} request's arguments.
 *
 * <pre>{
 *   "policies": ["policy/", "lib/helpers.rego"],   // .rego files, directories searched for them
 *   "input": "review.json",                        // JSON or YAML, optional
 *   "data": "data.json",                           // base documents, optional
 *   "query": "data.k8s.violation",                 // or:
 *   "test": "test_denies_latest",                  // a unit test rule (by name or data.pkg.name)
 *   "regoVersion": "v1",                           // optional: v0 or v1 (default: v1, else v0 when only v0 compiles)
 *   "stopOnEntry": false, "stopOnFail": false,
 *   "cwd": "/work/project"                         // base of relative paths (default: the adapter's directory)
 * }</pre>
 */
record LaunchConfig(List<Path> policyFiles, Path input, Path data, String query, String test, String regoVersion,
                    boolean stopOnEntry, boolean stopOnFail) {

    static LaunchConfig from(Map<String, Object> args) {
        Path cwd = Path.of(str(args, "cwd", "."));
        Object p = args.get("policies");
        List<String> given = new ArrayList<>();
        if (p instanceof String s) given.add(s);
        else if (p instanceof List<?> l) for (Object o : l) given.add(String.valueOf(o));
        if (given.isEmpty()) throw new IllegalArgumentException("launch: \"policies\" must name .rego files or directories");
        List<Path> files = new ArrayList<>();
        for (String g : given) {
            Path path = cwd.resolve(g).toAbsolutePath().normalize();
            if (Files.isDirectory(path)) {
                try (Stream<Path> walk = Files.walk(path, 20)) {
                    walk.filter(f -> f.toString().endsWith(".rego") && Files.isRegularFile(f)).sorted().forEach(files::add);
                } catch (IOException e) {
                    throw new IllegalArgumentException("launch: cannot read directory " + g + ": " + e.getMessage());
                }
            } else if (Files.isRegularFile(path)) {
                files.add(path);
            } else {
                throw new IllegalArgumentException("launch: policy file not found: " + g);
            }
        }
        if (files.isEmpty()) throw new IllegalArgumentException("launch: no .rego files in " + given);
        String query = str(args, "query", null);
        String test = str(args, "test", null);
        if ((query == null) == (test == null)) {
            throw new IllegalArgumentException("launch: give exactly one of \"query\" and \"test\"");
        }
        String version = str(args, "regoVersion", null);
        if (version != null && !version.equals("v0") && !version.equals("v1")) {
            throw new IllegalArgumentException("launch: \"regoVersion\" must be v0 or v1, not " + version);
        }
        return new LaunchConfig(files, file(cwd, args, "input"), file(cwd, args, "data"), query, test, version,
                Boolean.TRUE.equals(args.get("stopOnEntry")), Boolean.TRUE.equals(args.get("stopOnFail")));
    }

    private static Path file(Path cwd, Map<String, Object> args, String key) {
        String s = str(args, key, null);
        if (s == null) return null;
        Path path = cwd.resolve(s).toAbsolutePath().normalize();
        if (!Files.isRegularFile(path)) throw new IllegalArgumentException("launch: " + key + " file not found: " + s);
        return path;
    }

    private static String str(Map<String, Object> args, String key, String dflt) {
        Object o = args.get(key);
        if (o == null) return dflt;
        String s = String.valueOf(o);
        return s.isBlank() ? dflt : s;
    }
}
