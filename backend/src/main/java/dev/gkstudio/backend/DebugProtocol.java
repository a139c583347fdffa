package dev.gkstudio.backend;

import java.util.List;

import dev.gkstudio.backend.eval.Evaluation.Range;
import dev.gkstudio.backend.eval.Workspace;

/**
 * The JSON messages of {@code /ws/debug}, one per text frame.
 *
 * <p>Browser → Studio: {@code {"type":"start","workspace":{...},"sample":0,"constraint":"Kind/name",
 * "breakpoints":[{"module":"rego"|"lib:0","line":12,"condition":"x > 1"}],"stopOnFail":false}};
 * {@code {"type":"breakpoints","breakpoints":[...]}} (all of them, any time); {@code continue}, {@code stepOver},
 * {@code stepInto}, {@code stepOut}, {@code stop}; {@code {"type":"variables","id":1,"ref":3,"start":0,"count":100}};
 * {@code {"type":"watch","id":2,"expression":"count(x)","frame":0}}.
 *
 * <p>Studio → browser: {@code stopped} (reason, frames innermost first with module/line and a locals ref, input and
 * data refs, the sample range the top frame's bindings point at), {@code variables}, {@code watch},
 * {@code terminated} (message when ended early, error, violation messages), {@code error}. Refs are valid until
 * the next step.
 */
final class DebugProtocol {

    record Bp(String module, int line, String condition) {
    }

    record Request(String type, Long id, Workspace workspace, Integer sample, String constraint, List<Bp> breakpoints,
                   Boolean stopOnFail, Integer ref, Integer start, Integer count, String expression, Integer frame) {
    }

    record Child(String name, String value, String type, int ref, int size) {
    }

    record Frame(int index, String name, String module, int line, int column, int endLine, int endColumn, String text,
                 int localsRef, int localsSize) {
    }

    record Stopped(String type, String reason, String detail, List<Frame> frames, Child input, Child data,
                   Range sampleRange) {
        Stopped(String reason, String detail, List<Frame> frames, Child input, Child data, Range sampleRange) {
            this("stopped", reason, detail, frames, input, data, sampleRange);
        }
    }

    record Variables(String type, Long id, int ref, int start, int size, List<Child> children) {
        Variables(Long id, int ref, int start, int size, List<Child> children) {
            this("variables", id, ref, start, size, children);
        }
    }

    record WatchReply(String type, Long id, String expression, String value, Integer ref, String error) {
        WatchReply(Long id, String expression, String value, Integer ref, String error) {
            this("watch", id, expression, value, ref, error);
        }
    }

    record Terminated(String type, String message, String error, List<Object> violations) {
        Terminated(String message, String error, List<Object> violations) {
            this("terminated", message, error, violations);
        }
    }

    private DebugProtocol() {
    }
}
