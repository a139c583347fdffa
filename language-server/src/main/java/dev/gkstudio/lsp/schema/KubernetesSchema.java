package dev.gkstudio.lsp.schema;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Kubernetes object schemas for {@code input.review.object.*} completion and hover, read from the compact
 * {@code kubernetes.txt} generated from fabric8's kubernetes-model (see the test class
 * {@code KubernetesSchemaGenerator} for the format). Immutable; {@link #load()} is cached.
 */
public final class KubernetesSchema {

    /** Path segment that steps into an array element ({@code containers[_]}). */
    public static final String ELEMENT = "[]";

    private static volatile KubernetesSchema instance;

    /** kind → root type. */
    private final Map<String, String> kinds = new LinkedHashMap<>();
    /** kind → apiVersion. */
    private final Map<String, String> apiVersions = new LinkedHashMap<>();
    /** type → field → ref. */
    private final Map<String, Map<String, String>> types = new TreeMap<>();

    private KubernetesSchema() {}

    public static KubernetesSchema load() {
        KubernetesSchema s = instance;
        if (s == null) {
            synchronized (KubernetesSchema.class) {
                if (instance == null) instance = read();
                s = instance;
            }
        }
        return s;
    }

    private static KubernetesSchema read() {
        KubernetesSchema s = new KubernetesSchema();
        try (InputStream in = KubernetesSchema.class.getResourceAsStream("kubernetes.txt")) {
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                String[] f = line.split(" ");
                if (f[0].equals("K")) {
                    s.kinds.put(f[2], f[3]);
                    s.apiVersions.put(f[2], f[1]);
                } else if (f[0].equals("T")) {
                    Map<String, String> fields = new LinkedHashMap<>();
                    for (int i = 2; i < f.length; i++) {
                        int c = f[i].indexOf(':');
                        fields.put(f[i].substring(0, c), f[i].substring(c + 1));
                    }
                    s.types.put(f[1], fields);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return s;
    }

    /** The kinds known, e.g. {@code Pod}, {@code Deployment}. */
    public Collection<String> kinds() { return kinds.keySet(); }

    public String apiVersion(String kind) { return apiVersions.get(kind); }

    /** The root type of a kind at its apiVersion ({@code v1 Pod} → {@code Pod}), or null when not known. */
    public String rootType(String apiVersion, String kind) {
        return apiVersion != null && apiVersion.equals(apiVersions.get(kind)) ? kinds.get(kind) : null;
    }

    /** The fields (name → type ref) of an object type, or null when the ref is not an object type. */
    public Map<String, String> typeFields(String type) {
        return types.get(type);
    }

    /**
     * The fields (name → type ref) at {@code path} below the objects of the given kinds (all kinds when empty or
     * none known), merged. Path segments are field names, {@link #ELEMENT} for an array element, or any name for
     * a map value.
     */
    public Map<String, String> fields(Collection<String> kindNames, List<String> path) {
        Map<String, String> out = new TreeMap<>();
        boolean any = false;
        for (String k : kindNames) if (kinds.containsKey(k)) any = true;
        for (Map.Entry<String, String> k : kinds.entrySet()) {
            if (any && !kindNames.contains(k.getKey())) continue;
            String ref = resolve(k.getValue(), path);
            if (ref == null) continue;
            Map<String, String> fs = types.get(ref);
            if (fs != null) fs.forEach(out::putIfAbsent);
        }
        return out;
    }

    /** The type ref at a path (for hover), or null. */
    public String typeAt(Collection<String> kindNames, List<String> path) {
        if (path.isEmpty()) return null;
        List<String> parent = path.subList(0, path.size() - 1);
        String last = path.get(path.size() - 1);
        if (last.equals(ELEMENT)) return null;
        return fields(kindNames, parent).get(last);
    }

    private String resolve(String ref, List<String> path) {
        for (String seg : path) {
            if (ref == null) return null;
            if (ref.endsWith("[]")) {
                if (!seg.equals(ELEMENT)) return null;
                ref = ref.substring(0, ref.length() - 2);
                continue;
            }
            if (ref.startsWith("{")) {
                ref = ref.substring(1, ref.length() - 1);
                continue;
            }
            Map<String, String> fs = types.get(ref);
            if (fs == null) return null;
            ref = fs.get(seg);
        }
        if (ref != null && ref.endsWith("[]")) return null;
        return ref;
    }
}
