package dev.gkstudio.lsp.protocol;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.Map;

import org.eclipse.lsp4j.jsonrpc.MessageIssueException;
import org.eclipse.lsp4j.jsonrpc.json.JsonRpcMethod;
import org.eclipse.lsp4j.jsonrpc.json.MessageJsonHandler;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.jsonrpc.messages.Message;
import org.eclipse.lsp4j.jsonrpc.messages.NotificationMessage;
import org.eclipse.lsp4j.jsonrpc.messages.RequestMessage;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * lsp4j's message reader, except that a message it cannot read becomes a {@link RejectedMessage} instead of an
 * exception: lsp4j only logs unreadable input, so a client that sent malformed JSON or ill-typed params would wait
 * forever for its answer. JSON that does not parse → -32700; valid JSON that is no JSON-RPC message → -32600;
 * params of the wrong shape → -32602 naming the method and the offending path.
 */
public class ProtocolJsonHandler extends MessageJsonHandler {

    public ProtocolJsonHandler(Map<String, JsonRpcMethod> supportedMethods) {
        super(supportedMethods);
    }

    @Override
    public Message parseMessage(CharSequence input) {
        try {
            // lsp4j's CharSequence variant calls the Reader one, which is overridden below
            return super.parseMessage(new StringReader(input.toString()));
        } catch (RuntimeException e) {
            // lsp4j reports truncated JSON as bad params when it had read the id already: check the syntax first
            String text = input.toString();
            JsonElement json;
            try {
                json = JsonParser.parseString(text);
            } catch (RuntimeException syntax) {
                return new RejectedMessage(null, ErrorResponses.error(ResponseErrorCode.ParseError, "parse error: " + reason(syntax)), true);
            }
            return e instanceof MessageIssueException issue ? rejectParams(issue) : rejectMessage(json, e);
        }
    }

    @Override
    public Message parseMessage(Reader input) {
        try {
            StringBuilder text = new StringBuilder();
            char[] buffer = new char[8192];
            for (int n; (n = input.read(buffer)) > 0; ) text.append(buffer, 0, n);
            return parseMessage(text);
        } catch (IOException e) {
            return new RejectedMessage(null, ErrorResponses.error(ResponseErrorCode.ParseError, "parse error: " + reason(e)), true);
        }
    }

    private static RejectedMessage rejectParams(MessageIssueException e) {
        Message m = e.getRpcMessage();
        Throwable cause = e.getIssues().isEmpty() ? e : e.getIssues().get(0).getCause();
        String why = cause == null ? e.getIssues().get(0).getText() : reason(cause);
        if (m instanceof RequestMessage r) {
            return new RejectedMessage(r.getRawId(),
                    ErrorResponses.error(ResponseErrorCode.InvalidParams, "invalid params for " + r.getMethod() + ": " + why), true);
        }
        String method = m instanceof NotificationMessage n ? n.getMethod() : "a message";
        return new RejectedMessage(null, ErrorResponses.error(ResponseErrorCode.InvalidParams, "invalid params for " + method + ": " + why), false);
    }

    private static RejectedMessage rejectMessage(JsonElement json, RuntimeException e) {
        Either<String, Number> id = null;
        if (json instanceof JsonObject o && o.get("id") != null && o.get("id").isJsonPrimitive()) {
            var p = o.get("id").getAsJsonPrimitive();
            id = p.isNumber() ? Either.forRight(p.getAsNumber()) : Either.forLeft(p.getAsString());
        }
        return new RejectedMessage(id, ErrorResponses.error(ResponseErrorCode.InvalidRequest,
                "invalid request: not a JSON-RPC 2.0 message (" + reason(e) + ")"), true);
    }

    /** Gson's message without the exception class names it is prefixed with. */
    static String reason(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        String m = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return ErrorResponses.oneLine(m.replaceAll("^([a-zA-Z_$][\\w$]*\\.)+[A-Z][\\w$]*(Exception|Error): ", ""));
    }
}
