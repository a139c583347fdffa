package dev.gkstudio.gatekeeper.mutation;

import java.util.Map;

/** What a mutator does once the walk reaches the last field of its location. */
interface Setter {
    /** Sets {@code obj[key]}; returns whether anything was (or would be) written. */
    boolean set(Map<String, Object> obj, String key) throws MutationException;

    /** Whether the location may end in a keyed-list element (only Assign). */
    default boolean keyedListOkay() {
        return false;
    }

    /** The element that replaces or joins a keyed list at the location's end. */
    default Map<String, Object> keyedListValue() throws MutationException {
        throw new MutationException("setter does not handle keyed lists");
    }
}
