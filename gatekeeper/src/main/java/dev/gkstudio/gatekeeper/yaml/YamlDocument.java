package dev.gkstudio.gatekeeper.yaml;

import dev.gkstudio.rego.value.Value;

/**
 * One document of a YAML/JSON stream: its value, where each value sits in the source, and the 1-based
 * line of the document start.
 */
public record YamlDocument(Value value, PositionIndex positions, int startLine) {
}
