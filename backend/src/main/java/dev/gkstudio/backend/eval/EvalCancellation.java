package dev.gkstudio.backend.eval;

import java.util.function.BooleanSupplier;

/**
 * What cancels the evaluations running on the current thread, e.g. the browser that asked for them went away.
 * The Studio's engine polls {@link #cancelled()} during every evaluation, so one stuck policy stops as soon as
 * nobody waits for its answer.
 */
public final class EvalCancellation {
    private static final ThreadLocal<BooleanSupplier> CANCEL = new ThreadLocal<>();

    private EvalCancellation() {
    }

    /** Evaluations on this thread stop with {@code eval_cancel_error} as soon as {@code cancel} says so. */
    public static void cancelWhen(BooleanSupplier cancel) {
        CANCEL.set(cancel);
    }

    public static void clear() {
        CANCEL.remove();
    }

    public static boolean cancelled() {
        BooleanSupplier c = CANCEL.get();
        return c != null && c.getAsBoolean();
    }
}
