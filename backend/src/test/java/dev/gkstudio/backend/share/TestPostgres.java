package dev.gkstudio.backend.share;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

/**
 * The PostgreSQL server of the tests: {@code GKSTUDIO_TEST_PG_URL} (+ {@code _USER},
 * {@code _PASSWORD}), exported by {@code .ci/run}. Without it the PostgreSQL tests are skipped on a
 * developer machine but FAIL when {@code CI=true}: a skipped database test would hide a broken
 * CI set-up.
 */
final class TestPostgres {

    static final String URL = System.getenv("GKSTUDIO_TEST_PG_URL");
    static final String USER = env("GKSTUDIO_TEST_PG_USER", "gkstudio");
    static final String PASSWORD = env("GKSTUDIO_TEST_PG_PASSWORD", "");

    private TestPostgres() {
    }

    static boolean configured() {
        return URL != null && !URL.isBlank();
    }

    static boolean inCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** Call first in every PostgreSQL test. */
    static void require() {
        if (configured()) {
            return;
        }
        String why = "no PostgreSQL for the share tests: set GKSTUDIO_TEST_PG_URL (.ci/run starts one)";
        if (inCi()) {
            fail(why);
        }
        abort(why);
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null ? fallback : v;
    }
}
