package dev.gkstudio.backend.share;

import java.sql.DriverManager;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.postgresql.ds.PGSimpleDataSource;

/** The same contract on PostgreSQL, in a fresh schema per run (dropped afterwards). */
class PostgresShareStoreTest extends ShareStoreContract {

    private static final String SCHEMA = "share_test_" + Long.toHexString(System.nanoTime());
    private static PGSimpleDataSource ds;

    @BeforeAll
    static void connect() throws Exception {
        TestPostgres.require();
        ds = new PGSimpleDataSource();
        ds.setURL(TestPostgres.URL);
        ds.setUser(TestPostgres.USER);
        ds.setPassword(TestPostgres.PASSWORD);
        ds.setCurrentSchema(SCHEMA);
        ds.setConnectTimeout(5);
        migrate(ds, SCHEMA);
    }

    @AfterAll
    static void dropSchema() throws Exception {
        if (ds == null) {
            return;
        }
        try (var c = DriverManager.getConnection(TestPostgres.URL, TestPostgres.USER, TestPostgres.PASSWORD);
             var s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        }
    }

    @Override
    DataSource dataSource() {
        return ds;
    }
}
