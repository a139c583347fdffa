package dev.gkstudio.gatekeeper.mutation;

/** A mutator that Gatekeeper would refuse, or a mutation that failed; the message is Gatekeeper's wording. */
public class MutationException extends Exception {
    public MutationException(String message) {
        super(message);
    }
}
