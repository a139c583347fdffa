package dev.gkstudio.gatekeeper.client;

import java.util.List;

/**
 * The outcome of reviewing one object.
 *
 * @param results violations (sorted by message)
 * @param prints  print() output of all evaluations
 * @param trace   traces of all evaluations, or null
 */
public record ReviewResponse(List<Result> results, List<String> prints, String trace) {
}
