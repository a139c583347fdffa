package dev.gkstudio.backend.share;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The embedded default: H2 in a file, as the Studio configures it (AUTO_SERVER mode). */
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
        d.setURL("jdbc:h2:file:" + dir.toAbsolutePath().resolve("share") + ";AUTO_SERVER=TRUE");
        d.setUser("sa");
        d.setPassword("");
        return d;
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
