package dev.gkstudio.gatekeeper.schema;

/**
 * One schema validation error, rendered like Kubernetes' {@code field.Error}:
 * {@code <field>: <type>[: <value>][: <detail>]}.
 *
 * @param field     the field path as Kubernetes prints it
 * @param dataPath  the dotted path of the offending value (for source positions)
 * @param body      everything after {@code "<field>: "}
 */
public record FieldError(String field, String dataPath, String body) {
    @Override
    public String toString() {
        return field + ": " + body;
    }
}
