package dev.gkstudio.rego.builtins;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.SpecVersionDetector;
import com.networknt.schema.ValidationMessage;
import dev.gkstudio.rego.value.ArrayValue;
import dev.gkstudio.rego.value.BooleanValue;
import dev.gkstudio.rego.value.Json;
import dev.gkstudio.rego.value.NullValue;
import dev.gkstudio.rego.value.ObjectValue;
import dev.gkstudio.rego.value.StringValue;
import dev.gkstudio.rego.value.Value;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * json.verify_schema and json.match_schema on the networknt JSON Schema validator (drafts 4, 6 and 7, chosen by
 * {@code $schema}, draft 7 by default). Results and messages follow OPA's gojsonschema: errors carry
 * {@code desc}, {@code error}, {@code field} ({@code (root)}, {@code a.b}, {@code items.0}) and {@code type}
 * ({@code invalid_type}, {@code required}, ...).
 */
final class JsonSchemaSupport {
    private JsonSchemaSupport() {}

    /** Created on first use: Jackson's start-up is a sixth of a short CLI run that never calls these builtins. */
    private static final class Mapper {
        static final ObjectMapper INSTANCE = new ObjectMapper();
    }
    private static final Set<String> TYPES = Set.of("array", "boolean", "integer", "number", "null", "object", "string");

    static final class SchemaError extends Exception {
        SchemaError(String m) { super(m, null, false, false); }
    }

    static void register(Map<String, BuiltinFunction> t) {
        t.put("json.verify_schema", (c, a) -> {
            String b = "json.verify_schema";
            JsonNode schema = node(b, a[0], 1);
            try {
                compile(schema);
                return ArrayValue.of(BooleanValue.TRUE, NullValue.INSTANCE);
            } catch (SchemaError e) {
                return ArrayValue.of(BooleanValue.FALSE, StringValue.of("jsonschema: " + e.getMessage()));
            }
        });
        t.put("json.match_schema", (c, a) -> {
            String b = "json.match_schema";
            JsonNode doc = node(b, a[0], 1);
            JsonNode schemaNode = node(b, a[1], 2);
            JsonSchema schema;
            try {
                schema = compile(schemaNode);
            } catch (SchemaError e) {
                throw Args.err(b, e.getMessage());
            }
            Set<ValidationMessage> msgs;
            try {
                msgs = schema.validate(doc);
            } catch (RuntimeException e) {
                throw Args.err(b, String.valueOf(e.getMessage()));
            }
            List<Value> errs = new ArrayList<>();
            for (ValidationMessage m : msgs) errs.add(error(m));
            return ArrayValue.of(BooleanValue.of(errs.isEmpty()), ArrayValue.of(errs));
        });
    }

    private static JsonNode node(String b, Value v, int pos) {
        String text;
        if (v instanceof StringValue s) {
            text = s.value();
        } else if (v instanceof ObjectValue || v instanceof BooleanValue) {
            text = Json.write(v);
        } else {
            throw BuiltinException.operand(b, pos, v, "string", "object");
        }
        try {
            return Mapper.INSTANCE.readTree(text);
        } catch (Exception e) {
            throw Args.err(b, "operand " + pos + " is not valid JSON: " + e.getMessage());
        }
    }

    static JsonSchema compile(JsonNode schema) throws SchemaError {
        checkTypes(schema);
        SpecVersion.VersionFlag version;
        try {
            version = SpecVersionDetector.detectOptionalVersion(schema, false).orElse(SpecVersion.VersionFlag.V7);
        } catch (RuntimeException e) {
            version = SpecVersion.VersionFlag.V7;
        }
        try {
            return Factories.BY_VERSION.get(version).getSchema(schema);
        } catch (RuntimeException e) {
            throw new SchemaError(String.valueOf(e.getMessage()));
        }
    }

    /**
     * Schema factories that never read a referenced schema from the network, the file system or the class path:
     * only the JSON Schema meta-schemas the validator ships ({@code classpath:draft...}, which it maps the
     * json-schema.org IRIs to) may be loaded; any other {@code $ref} or {@code $schema} target is refused.
     */
    private static final class Factories {
        // built on first use, like the mapper: the validator's start-up is paid only by policies that call these
        static final Map<SpecVersion.VersionFlag, JsonSchemaFactory> BY_VERSION = new java.util.EnumMap<>(
                SpecVersion.VersionFlag.class);

        static {
            for (SpecVersion.VersionFlag v : SpecVersion.VersionFlag.values()) {
                BY_VERSION.put(v, JsonSchemaFactory.getInstance(v, b -> b.schemaLoaders(l -> l.add(
                        new com.networknt.schema.resource.AllowSchemaLoader(JsonSchemaSupport::bundledMetaSchema)))));
            }
        }
    }

    private static boolean bundledMetaSchema(com.networknt.schema.AbsoluteIri iri) {
        String s = String.valueOf(iri);
        return s.matches("classpath:/?draft[-/0-9a-z]*(\\.json)?") && !s.contains("..");
    }


    /** gojsonschema's check of "type" keywords while it parses a schema. */
    private static void checkTypes(JsonNode n) throws SchemaError {
        if (n == null) return;
        if (n.isArray()) {
            for (JsonNode e : n) checkTypes(e);
            return;
        }
        if (!n.isObject()) return;
        JsonNode type = n.get("type");
        if (type != null) {
            if (type.isTextual()) {
                invalidType(type.asText());
            } else if (type.isArray()) {
                for (JsonNode e : type) {
                    if (!e.isTextual()) throw new SchemaError("Invalid type. Expected: string, given: " + goType(e));
                    invalidType(e.asText());
                }
            } else if (!(n.get("properties") == null && type.isObject())) {
                throw new SchemaError("Invalid type. Expected: string/array of strings, given: " + goType(type));
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            var e = it.next();
            String k = e.getKey();
            if (k.equals("enum") || k.equals("const") || k.equals("default") || k.equals("examples")) continue;
            if (k.equals("properties") || k.equals("definitions") || k.equals("$defs") || k.equals("patternProperties")
                    || k.equals("dependencies")) {
                for (JsonNode sub : e.getValue()) checkTypes(sub);
            } else if (e.getValue().isContainerNode()) {
                checkTypes(e.getValue());
            }
        }
    }

    private static void invalidType(String t) throws SchemaError {
        if (!TYPES.contains(t)) {
            throw new SchemaError("has a primitive type that is NOT VALID -- given: /" + t
                    + "/ Expected valid values are:[array boolean integer number null object string]");
        }
    }

    /** gojsonschema's name for the JSON type of a value (integral numbers are integers). */
    static String goType(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) return "null";
        if (n.isTextual()) return "string";
        if (n.isBoolean()) return "boolean";
        if (n.isArray()) return "array";
        if (n.isObject()) return "object";
        if (n.isIntegralNumber()) return "integer";
        if (n.isNumber()) {
            return n.decimalValue().stripTrailingZeros().scale() <= 0 ? "integer" : "number";
        }
        return "null";
    }

    private static String field(JsonNodePath p) {
        if (p == null || p.getNameCount() == 0) return "(root)";
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < p.getNameCount(); i++) {
            if (i > 0) sb.append('.');
            sb.append(p.getElement(i));
        }
        return sb.toString();
    }

    private static String arg(ValidationMessage m, int i) {
        Object[] a = m.getArguments();
        return a != null && a.length > i && a[i] != null ? String.valueOf(a[i]) : "";
    }

    private static Value error(ValidationMessage m) {
        String kw = m.getType() == null ? "" : m.getType();
        String field = field(m.getInstanceLocation());
        String type, desc;
        JsonNode schemaNode = m.getSchemaNode();
        switch (kw) {
            case "type" -> {
                type = "invalid_type";
                String expected = schemaNode != null && schemaNode.isTextual() ? schemaNode.asText()
                        : schemaNode != null && schemaNode.isArray() ? joinTypes(schemaNode) : arg(m, 1);
                desc = "Invalid type. Expected: " + expected + ", given: " + goType(m.getInstanceNode());
            }
            case "required" -> {
                type = "required";
                desc = m.getProperty() + " is required";
            }
            case "additionalProperties" -> {
                type = "additional_property_not_allowed";
                String prop = m.getProperty() != null ? m.getProperty() : arg(m, 0);
                desc = "Additional property " + prop + " is not allowed";
                if (m.getInstanceLocation() != null && m.getInstanceLocation().getNameCount() > 0
                        && String.valueOf(m.getInstanceLocation().getElement(m.getInstanceLocation().getNameCount() - 1)).equals(prop)) {
                    field = field(m.getInstanceLocation().getParent());
                }
            }
            case "enum" -> {
                type = "enum";
                desc = field + " must be one of the following: " + enumList(schemaNode);
            }
            case "const" -> {
                type = "const";
                desc = field + " does not match: " + (schemaNode == null ? "" : schemaNode.toString());
            }
            case "minimum" -> {
                type = "number_gte";
                desc = "Must be greater than or equal to " + num(schemaNode, m, 0);
            }
            case "maximum" -> {
                type = "number_lte";
                desc = "Must be less than or equal to " + num(schemaNode, m, 0);
            }
            case "exclusiveMinimum" -> {
                type = "number_gt";
                desc = "Must be greater than " + num(schemaNode, m, 0);
            }
            case "exclusiveMaximum" -> {
                type = "number_lt";
                desc = "Must be less than " + num(schemaNode, m, 0);
            }
            case "multipleOf" -> {
                type = "multiple_of";
                desc = "Must be a multiple of " + num(schemaNode, m, 0);
            }
            case "minLength" -> {
                type = "string_gte";
                desc = "String length must be greater than or equal to " + num(schemaNode, m, 0);
            }
            case "maxLength" -> {
                type = "string_lte";
                desc = "String length must be less than or equal to " + num(schemaNode, m, 0);
            }
            case "pattern" -> {
                type = "pattern";
                desc = "Does not match pattern '" + (schemaNode == null ? arg(m, 0) : schemaNode.asText()) + "'";
            }
            case "format" -> {
                type = "format";
                desc = "Does not match format '" + (schemaNode == null ? arg(m, 0) : schemaNode.asText()) + "'";
            }
            case "minItems" -> {
                type = "array_min_items";
                desc = "Array must have at least " + num(schemaNode, m, 0) + " items";
            }
            case "maxItems" -> {
                type = "array_max_items";
                desc = "Array must have at most " + num(schemaNode, m, 0) + " items";
            }
            case "uniqueItems" -> {
                type = "unique";
                desc = "array items must be unique";
            }
            case "minProperties" -> {
                type = "array_min_properties";
                desc = "Must have at least " + num(schemaNode, m, 0) + " properties";
            }
            case "maxProperties" -> {
                type = "array_max_properties";
                desc = "Must have at most " + num(schemaNode, m, 0) + " properties";
            }
            case "anyOf" -> {
                type = "number_any_of";
                desc = "Must validate at least one schema (anyOf)";
            }
            case "oneOf" -> {
                type = "number_one_of";
                desc = "Must validate one and only one schema (oneOf)";
            }
            case "allOf" -> {
                type = "number_all_of";
                desc = "Must validate all the schemas (allOf)";
            }
            case "not" -> {
                type = "number_not";
                desc = "Must not validate the schema (not)";
            }
            default -> {
                type = kw;
                String msg = m.getMessage() == null ? "" : m.getMessage();
                int colon = msg.indexOf(": ");
                desc = msg.startsWith("$") && colon > 0 ? msg.substring(colon + 2) : msg;
            }
        }
        return ObjectValue.builder()
                .put("desc", StringValue.of(desc))
                .put("error", StringValue.of(field + ": " + desc))
                .put("field", StringValue.of(field))
                .put("type", StringValue.of(type))
                .build();
    }

    private static String joinTypes(JsonNode arr) {
        List<String> out = new ArrayList<>();
        for (JsonNode e : arr) out.add(e.asText());
        return String.join("/", out);
    }

    private static String enumList(JsonNode arr) {
        if (arr == null || !arr.isArray()) return "";
        List<String> out = new ArrayList<>();
        for (JsonNode e : arr) out.add(e.toString());
        return String.join(", ", out);
    }

    private static String num(JsonNode schemaNode, ValidationMessage m, int i) {
        if (schemaNode != null && schemaNode.isNumber()) return schemaNode.asText();
        return arg(m, i);
    }
}
