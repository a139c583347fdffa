package dev.gkstudio.gatekeeper.review;

import dev.gkstudio.rego.value.Value;

/**
 * A review ready to evaluate.
 *
 * @param value      {@code input.review}
 * @param object     the object to match (null when absent)
 * @param oldObject  the old object (null when absent)
 * @param namespace  the request namespace ("" when none)
 * @param namespaceObject the Namespace object when known up front, else null
 * @param source     Original / Generated
 * @param subject    the object shown in results (object, or oldObject)
 */
public record Review(Value value, Value object, Value oldObject, String namespace, Value namespaceObject,
                     String source, Value subject) {
}
