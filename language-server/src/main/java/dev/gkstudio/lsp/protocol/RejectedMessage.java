package dev.gkstudio.lsp.protocol;

import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.jsonrpc.messages.Message;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;

/**
 * An incoming message that could not be read: {@link ProtocolJsonHandler} hands it on instead of throwing, so
 * that {@link LifecycleGate} can answer it with an error response like any other request.
 *
 * @param id    the request's id, or null when none could be read (the answer then has {@code "id": null})
 * @param error what to answer, one line
 * @param request whether an answer is due: a broken notification is only dropped
 */
public final class RejectedMessage extends Message {

    private final transient Either<String, Number> id;
    private final transient ResponseError error;
    private final transient boolean request;

    public RejectedMessage(Either<String, Number> id, ResponseError error, boolean request) {
        this.id = id;
        this.error = error;
        this.request = request;
    }

    public Either<String, Number> id() {
        return id;
    }

    public ResponseError error() {
        return error;
    }

    public boolean request() {
        return request;
    }
}
