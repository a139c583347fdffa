package dev.gkstudio.backend;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.gkstudio.backend.eval.Workspace;

/**
 * The JSON messages of {@code /ws/eval}, one per text frame.
 *
 * <p>Browser → Studio:
 * <ul>
 * <li>{@code {"type":"evaluate","version":7,"workspace":{...},"coverage":false}} after every edit;
 *     versions increase. While an evaluation runs, newer ones replace older pending ones
 *     (coalescing): only the newest pending version is evaluated next.</li>
 * <li>{@code {"type":"explain","id":3,"sample":0,"constraint":"Kind/name","message":"...","values":false}}:
 *     trace one sample against one constraint, with the last workspace sent; with {@code "values":true} the
 *     reply also lists what each rule and variable evaluated to (the Rego editor's hover).</li>
 * <li>{@code {"type":"split","id":4,"text":"<ConstraintTemplate YAML>"}}: the template's parts.</li>
 * <li>{@code {"type":"query","id":5,"text":"<Rego query>","sample":0}}: evaluates a query against the last
 *     workspace's modules (template, libs, tests), {@code data.inventory} and the sample's review as input; the
 *     reply {@code {"type":"query","id":5,"result":"<opa eval JSON>","defined":true,"errors":[...],...}}.</li>
 * </ul>
 * A workspace may carry {@code "tests":["<module>", ...]} (Rego unit test modules): after the result of such a
 * workspace comes {@code {"type":"tests","version":7,"tests":[{"name","status","timeMs","rule",...}],...}}.
 * Studio → browser: {@code {"type":"result","version":7,...}} (see {@code Evaluation}),
 * {@code {"type":"explain","id":3,...}}, {@code {"type":"split","id":4,"template":{...}}} or
 * {@code {"type":"split","id":4,"problem":{...}}}, {@code {"type":"error","message":"..."}}.
 */
final class EvalProtocol {

    static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .setSerializationInclusion(JsonInclude.Include.ALWAYS);

    /** Any message from the browser; fields that do not apply to its type are null. */
    record Request(String type, Long id, Long version, Workspace workspace, Boolean coverage, Integer sample,
                   String constraint, String message, String text, Boolean values) {
    }

    record SplitReply(String type, Long id, Workspace.Template template, Object problem) {
    }

    record ErrorReply(String type, Long id, String message) {
    }

    private EvalProtocol() {
    }
}
