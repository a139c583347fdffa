package dev.gkstudio.lsp.protocol;

import java.lang.reflect.InvocationTargetException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;

/**
 * Error responses a client can show as they are: a code from LSP 3.17 and a one-line message, never a Java stack
 * trace (lsp4j's default puts one in {@code data}). The trace goes to the server's log instead.
 */
public final class ErrorResponses {

    private static final Logger LOG = Logger.getLogger(ErrorResponses.class.getName());

    /** LSP's {@code RequestCancelled}: the request was superseded or cancelled by the client. */
    public static final int REQUEST_CANCELLED = -32800;

    private ErrorResponses() {
    }

    public static ResponseError error(int code, String message) {
        return new ResponseError(code, oneLine(message), null);
    }

    public static ResponseError error(ResponseErrorCode code, String message) {
        return error(code.getValue(), message);
    }

    /** For {@code Launcher.Builder.setExceptionHandler}: what a request that threw answers. */
    public static Function<Throwable, ResponseError> handler() {
        return ErrorResponses::fromThrowable;
    }

    static ResponseError fromThrowable(Throwable t) {
        Throwable cause = t;
        while ((cause instanceof CompletionException || cause instanceof InvocationTargetException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof ResponseErrorException r) {
            ResponseError e = r.getResponseError();
            return new ResponseError(e.getCode(), oneLine(e.getMessage()), e.getData() instanceof Throwable ? null : e.getData());
        }
        if (cause instanceof CancellationException) {
            return error(REQUEST_CANCELLED, "request cancelled");
        }
        if (cause instanceof UnsupportedOperationException) {
            return error(ResponseErrorCode.MethodNotFound, "method not supported by this server");
        }
        LOG.log(Level.WARNING, "language server request failed", cause);
        return error(ResponseErrorCode.InternalError, "internal error: " + cause.getClass().getSimpleName()
                + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
    }

    /** The first line of a message, at most 300 characters: exception texts can span many. */
    static String oneLine(String message) {
        if (message == null || message.isBlank()) return "error";
        String s = message.strip();
        int nl = s.indexOf('\n');
        if (nl >= 0) s = s.substring(0, nl).strip();
        return s.length() > 300 ? s.substring(0, 297) + "..." : s;
    }
}
