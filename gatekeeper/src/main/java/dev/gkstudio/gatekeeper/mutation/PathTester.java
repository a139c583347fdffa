package dev.gkstudio.gatekeeper.mutation;

import java.util.HashMap;
import java.util.Map;

/**
 * A mutator's {@code pathTests}: at the depth of each sub-path, whether the value must exist
 * ({@code MustExist}) or must not ({@code MustNotExist}) for the mutation to proceed.
 */
public final class PathTester {
    private final Map<Integer, String> tests = new HashMap<>();

    public static final String MUST_EXIST = "MustExist";
    public static final String MUST_NOT_EXIST = "MustNotExist";

    public void add(MutationPath subPath, String condition) throws MutationException {
        if (!MUST_EXIST.equals(condition) && !MUST_NOT_EXIST.equals(condition)) {
            throw new MutationException(condition + " is not a valid path test condition");
        }
        int depth = subPath.nodes().size() - 1;
        String prior = tests.get(depth);
        if (prior != null && !prior.equals(condition)) throw new MutationException("conflicting path test conditions");
        tests.put(depth, condition);
    }

    boolean existsOkay(int depth) {
        String c = tests.get(depth);
        return c == null || MUST_EXIST.equals(c);
    }

    boolean missingOkay(int depth) {
        String c = tests.get(depth);
        return c == null || MUST_NOT_EXIST.equals(c);
    }
}
