package dev.gkstudio.lsp.schema;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import dev.gkstudio.rego.value.ArrayValue;
import dev.gkstudio.rego.value.ObjectValue;
import dev.gkstudio.rego.value.StringValue;
import dev.gkstudio.rego.value.Value;

/**
 * The shape of a JSON document, merged from JSON schemas (a template's parameters) and sample values (sample
 * objects): named fields, an array element shape, a type and a description. Mutable while built, then only read.
 */
public final class Shape {
    public final Map<String, Shape> fields = new TreeMap<>();
    public Shape element;
    public String type;
    public String description;

    /** The shape at a path ({@link KubernetesSchema#ELEMENT} steps into arrays), or null. */
    public Shape at(List<String> path) {
        Shape s = this;
        for (String seg : path) {
            if (s == null) return null;
            if (seg.equals(KubernetesSchema.ELEMENT)) s = s.element;
            else s = s.fields.get(seg);
        }
        return s;
    }

    /** Adds a JSON schema (OpenAPI v3: properties, items, type, description). */
    public Shape addSchema(JsonElement schema) {
        if (schema == null || !schema.isJsonObject()) return this;
        JsonObject o = schema.getAsJsonObject();
        if (o.has("type") && o.get("type").isJsonPrimitive()) type = o.get("type").getAsString();
        if (o.has("description") && o.get("description").isJsonPrimitive()) description = o.get("description").getAsString();
        if (o.has("properties") && o.get("properties").isJsonObject()) {
            for (Map.Entry<String, JsonElement> e : o.getAsJsonObject("properties").entrySet()) {
                fields.computeIfAbsent(e.getKey(), k -> new Shape()).addSchema(e.getValue());
            }
        }
        if (o.has("items")) {
            if (element == null) element = new Shape();
            element.addSchema(o.get("items"));
        }
        return this;
    }

    /** Adds a JSON schema given as a value (from YAML). */
    public Shape addSchema(Value schema) {
        if (!(schema instanceof ObjectValue o)) return this;
        if (o.get("type") instanceof StringValue s) type = s.value();
        if (o.get("description") instanceof StringValue s) description = s.value();
        if (o.get("properties") instanceof ObjectValue props) {
            for (Value k : props.keys()) {
                if (k instanceof StringValue ks) fields.computeIfAbsent(ks.value(), x -> new Shape()).addSchema(props.get(k));
            }
        }
        if (o.get("items") != null) {
            if (element == null) element = new Shape();
            element.addSchema(o.get("items"));
        }
        return this;
    }

    /** Adds a sample JSON value. */
    public Shape addSample(JsonElement v) {
        if (v == null || v.isJsonNull()) return this;
        if (v.isJsonObject()) {
            if (type == null) type = "object";
            for (Map.Entry<String, JsonElement> e : v.getAsJsonObject().entrySet()) {
                fields.computeIfAbsent(e.getKey(), k -> new Shape()).addSample(e.getValue());
            }
        } else if (v.isJsonArray()) {
            if (type == null) type = "array";
            JsonArray a = v.getAsJsonArray();
            if (element == null) element = new Shape();
            for (JsonElement x : a) element.addSample(x);
        } else if (type == null) {
            type = v.getAsJsonPrimitive().isNumber() ? "number" : v.getAsJsonPrimitive().isBoolean() ? "boolean" : "string";
        }
        return this;
    }

    /** Adds a sample value (from YAML). */
    public Shape addSample(Value v) {
        if (v instanceof ObjectValue o) {
            if (type == null) type = "object";
            for (Value k : o.keys()) {
                if (k instanceof StringValue ks) fields.computeIfAbsent(ks.value(), x -> new Shape()).addSample(o.get(k));
            }
        } else if (v instanceof ArrayValue a) {
            if (type == null) type = "array";
            if (element == null) element = new Shape();
            for (Value x : a.list()) element.addSample(x);
        } else if (v != null && type == null) {
            type = v.typeName();
        }
        return this;
    }
}
