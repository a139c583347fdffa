package dev.gkstudio.lsp.protocol;

import org.eclipse.lsp4j.jsonrpc.MessageConsumer;
import org.eclipse.lsp4j.jsonrpc.MessageIssueException;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.jsonrpc.messages.Message;
import org.eclipse.lsp4j.jsonrpc.messages.NotificationMessage;
import org.eclipse.lsp4j.jsonrpc.messages.RequestMessage;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseMessage;
import org.eclipse.lsp4j.jsonrpc.validation.ReflectiveMessageValidator;

/**
 * Sits between the transport and lsp4j's endpoint and answers what LSP 3.17 says the server must refuse, so the
 * feature code never sees it: a request before {@code initialize} → -32002 (notifications are dropped, except
 * {@code exit}); anything after {@code shutdown} but {@code exit} → -32600; a method the server does not implement
 * → -32601; unreadable messages ({@link RejectedMessage}) and params missing a required field → their error.
 * Runs on the transport's single reading thread, so the lifecycle flags need no lock.
 */
public final class LifecycleGate implements MessageConsumer {

    private final MessageConsumer endpoint;
    private final MessageConsumer validated;
    private final MessageConsumer out;
    private final SupportedMethods supported;
    private volatile boolean initialized;
    private volatile boolean shutDown;

    /**
     * @param endpoint  lsp4j's endpoint (the incoming side)
     * @param out       the outgoing side, for the answers the gate gives itself
     * @param supported what the server implements
     */
    public LifecycleGate(MessageConsumer endpoint, MessageConsumer out, SupportedMethods supported) {
        this.endpoint = endpoint;
        this.validated = new ReflectiveMessageValidator(endpoint);
        this.out = out;
        this.supported = supported;
    }

    @Override
    public void consume(Message message) {
        if (message instanceof RejectedMessage r) {
            if (r.request()) answer(r.id(), r.error());
            return;
        }
        if (message instanceof RequestMessage request) {
            ResponseError refusal = refusal(request.getMethod());
            if (refusal != null) {
                answer(request.getRawId(), refusal);
                return;
            }
            if ("initialize".equals(request.getMethod())) initialized = true;
            if ("shutdown".equals(request.getMethod())) shutDown = true;
        } else if (message instanceof NotificationMessage n && !"exit".equals(n.getMethod())
                && (!initialized || shutDown)) {
            return;
        }
        try {
            validated.consume(message);
        } catch (MessageIssueException e) {
            if (message instanceof RequestMessage request) {
                String what = e.getIssues().isEmpty() ? e.getMessage() : e.getIssues().get(0).getText();
                answer(request.getRawId(), ErrorResponses.error(ResponseErrorCode.InvalidParams,
                        "invalid params for " + request.getMethod() + ": " + what));
            }
        }
    }

    private ResponseError refusal(String method) {
        if (shutDown) {
            return ErrorResponses.error(ResponseErrorCode.InvalidRequest, "the server is shut down: only exit is accepted");
        }
        if (!initialized && !"initialize".equals(method)) {
            return ErrorResponses.error(ResponseErrorCode.ServerNotInitialized, "the server is not initialized: send initialize first");
        }
        if (initialized && "initialize".equals(method)) {
            return ErrorResponses.error(ResponseErrorCode.InvalidRequest, "initialize was already sent");
        }
        if (!supported.request(method)) {
            return ErrorResponses.error(ResponseErrorCode.MethodNotFound, "method not supported: " + method);
        }
        return null;
    }

    private void answer(Either<String, Number> id, ResponseError error) {
        ResponseMessage response = new ResponseMessage();
        response.setJsonrpc("2.0");
        response.setRawId(id);
        response.setError(error);
        out.consume(response);
    }
}
