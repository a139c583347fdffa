package dev.gkstudio.rego.ast;

import java.util.List;
import java.util.Map;

/**
 * A METADATA annotation block ({@code # METADATA} followed by YAML in comment lines), structured like OPA's
 * {@code ast.Annotations}. Unknown keys are kept in {@link #raw()}.
 *
 * @param scope            {@code package}, {@code rule}, {@code document} or {@code subpackages}
 *                         (default: rule before a rule, package before the package clause)
 * @param title            title or null
 * @param description      description or null
 * @param organizations    organizations
 * @param relatedResources related resources; each a map with {@code ref} and optional {@code description}
 * @param authors          authors; each a map with {@code name} and/or {@code email}
 * @param schemas          schema annotations; each a map with {@code path} and {@code schema} or {@code definition}
 * @param entrypoint       entrypoint flag
 * @param custom           custom map (may be empty)
 * @param raw              the whole parsed YAML map
 * @param targetPath       path the annotation applies to ({@code data.a.b} or rule path {@code data.a.b.p}); set by
 *                         the parser, null if unattached
 * @param location         range of the comment block
 */
public record Annotation(String scope, String title, String description, List<String> organizations,
                         List<Map<String, Object>> relatedResources, List<Map<String, Object>> authors,
                         List<Map<String, Object>> schemas, boolean entrypoint, Map<String, Object> custom,
                         Map<String, Object> raw, Ref targetPath, Location location) implements Node {

    public Annotation withScopeAndTarget(String s, Ref target) {
        return new Annotation(s, title, description, organizations, relatedResources, authors, schemas, entrypoint,
                custom, raw, target, location);
    }

    @Override
    public String toString() {
        return "METADATA(" + scope + (title != null ? ", " + title : "") + ")";
    }
}
