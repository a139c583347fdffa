package dev.gkstudio.rego.result;

import dev.gkstudio.rego.ast.Location;
import dev.gkstudio.rego.value.Value;

/**
 * The value one expression of a query had in one result row, as OPA's Rego API reports it ({@code opa eval}'s
 * {@code expressions[]}): a plain term gives its value ({@code data.k8s.violation} gives the set), a call whose
 * result the query did not take gives that result, everything else ({@code x = 1}, {@code not p}, {@code some})
 * gives {@code true}.
 *
 * @param value    the expression's value
 * @param text     the expression's source text in the query
 * @param location where the expression is in the query (row and column as OPA reports them)
 */
public record ExpressionValue(Value value, String text, Location location) {}
