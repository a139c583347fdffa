package dev.gkstudio.backend.share;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The embedded default: H2 in a file, opened with the Studio's own JDBC URL (application.properties). */
class H2ShareStoreTest extends ShareStoreContract {

    private Path dir;
    private JdbcDataSource ds;

    @Override
    DataSource dataSource() throws Exception {
        if (ds == null) {
            dir = Files.createTempDirectory(Path.of("target"), "h2-share-");
            ds = open(dir);
            migrate(ds, null);
        }
        return ds;
    }

    private static JdbcDataSource open(Path dir) {
        JdbcDataSource d = new JdbcDataSource();
        d.setURL(configuredUrl().replace("${gkstudio.data-dir}", dir.toAbsolutePath().toString()));
        d.setUser("sa");
        d.setPassword("");
        return d;
    }

    static String configuredUrl() {
        java.util.Properties p = new java.util.Properties();
        try (var in = H2ShareStoreTest.class.getResourceAsStream("/application.properties")) {
            p.load(in);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return p.getProperty("quarkus.datasource.share.jdbc.url");
    }

    /** AUTO_SERVER would open a TCP listener any local user can reach; its address and key go into the lock file. */
    @Test
    void opensNoDatabaseListener() throws Exception {
        store().put(workspace("listener").id(), sha(workspace("listener")), SharedWorkspace.FORMAT,
                workspace("listener").canonicalJson());
        try (var files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".lock.db")).toList()) {
                org.junit.jupiter.api.Assertions.assertFalse(Files.readString(f, java.nio.charset.StandardCharsets.ISO_8859_1)
                        .contains("server="), f + " names a database server");
            }
        }
        org.junit.jupiter.api.Assertions.assertFalse(configuredUrl().toUpperCase(java.util.Locale.ROOT).contains("AUTO_SERVER"));
    }

    @AfterEach
    void shutdown() throws Exception {
        if (ds != null) {
            try (var c = ds.getConnection(); var s = c.createStatement()) {
                s.execute("SHUTDOWN");
            }
        }
    }

    /** A restart of the Studio: the database file is closed and opened again; every link still resolves. */
    @Test
    void linksSurviveARestart() throws Exception {
        ShareStore store = store();
        SharedWorkspace a = workspace("restart-a");
        SharedWorkspace b = workspace("restart-b");
        store.put(a.id(), sha(a), SharedWorkspace.FORMAT, a.canonicalJson());
        store.put(b.id(), sha(b), SharedWorkspace.FORMAT, b.canonicalJson());
        try (var c = ds.getConnection(); var s = c.createStatement()) {
            s.execute("SHUTDOWN");
        }
        ds = open(dir);
        migrate(ds, null); // the Studio migrates at every start: a no-op on an up-to-date schema
        ShareStore reopened = new JdbcShareStore(ds, "H2 reopened");
        assertEquals(a.canonicalJson(), reopened.get(a.id()).orElseThrow().content());
        assertEquals(b.canonicalJson(), reopened.get(b.id()).orElseThrow().content());
        assertEquals(ShareStore.Outcome.ALREADY_STORED,
                reopened.put(a.id(), sha(a), SharedWorkspace.FORMAT, a.canonicalJson()));
    }
}
