package dev.gkstudio.backend.share;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * The round trip every store must pass, with the production migrations: create → fetch →
 * identical workspace; the same content → the same id (and no second row); a different content
 * under an existing id is refused, never written.
 */
abstract class ShareStoreContract {

    /** A data source on an empty schema, migrated by {@link #migrate}. */
    abstract DataSource dataSource() throws Exception;

    static void migrate(DataSource ds, String schema) {
        var config = Flyway.configure().dataSource(ds).locations("classpath:db/migration/share");
        if (schema != null) {
            config.schemas(schema).defaultSchema(schema);
        }
        config.load().migrate();
    }

    ShareStore store() throws Exception {
        return new JdbcShareStore(dataSource(), getClass().getSimpleName());
    }

    static SharedWorkspace workspace(String nonce) throws Exception {
        return SharedWorkspace.parse(Workspaces.json(nonce));
    }

    static String sha(SharedWorkspace w) {
        return ShareIds.hex(ShareIds.sha256(w.canonicalJson()));
    }

    @Test
    void roundTripGivesTheIdenticalWorkspace() throws Exception {
        ShareStore store = store();
        SharedWorkspace w = workspace("round-trip-" + System.nanoTime());
        assertEquals(ShareStore.Outcome.CREATED, store.put(w.id(), sha(w), SharedWorkspace.FORMAT, w.canonicalJson()));
        ShareStore.Stored s = store.get(w.id()).orElseThrow();
        assertEquals(w.canonicalJson(), s.content());
        assertEquals(sha(w), s.sha256());
        assertNotNull(s.createdAt());
        SharedWorkspace back = SharedWorkspace.parse(s.content());
        assertEquals(w.tree(), back.tree());
        assertEquals(w.toWorkspace(), back.toWorkspace());
        assertTrue(store.get("00000000000000").isEmpty());
    }

    @Test
    void sameContentSameIdAndOneRow() throws Exception {
        ShareStore store = store();
        String nonce = "same-" + System.nanoTime();
        SharedWorkspace a = workspace(nonce);
        SharedWorkspace b = workspace(nonce);
        assertEquals(a.id(), b.id());
        assertEquals(ShareStore.Outcome.CREATED, store.put(a.id(), sha(a), SharedWorkspace.FORMAT, a.canonicalJson()));
        assertEquals(ShareStore.Outcome.ALREADY_STORED, store.put(b.id(), sha(b), SharedWorkspace.FORMAT, b.canonicalJson()));
        try (var c = dataSource().getConnection();
             var p = c.prepareStatement("SELECT COUNT(*) FROM shared_workspace WHERE id = ?")) {
            p.setString(1, a.id());
            try (var r = p.executeQuery()) {
                r.next();
                assertEquals(1, r.getInt(1));
            }
        }
    }

    @Test
    void concurrentSharesOfOneWorkspaceAllSucceed() throws Exception {
        ShareStore store = store();
        SharedWorkspace w = workspace("concurrent-" + System.nanoTime());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<ShareStore.Outcome>> futures = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Callable<ShareStore.Outcome> put = () -> store.put(w.id(), sha(w), SharedWorkspace.FORMAT, w.canonicalJson());
                futures.add(pool.submit(put));
            }
            int created = 0;
            for (Future<ShareStore.Outcome> f : futures) {
                created += f.get() == ShareStore.Outcome.CREATED ? 1 : 0;
            }
            assertEquals(1, created);
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void differentContentUnderAnExistingIdIsRefused() throws Exception {
        ShareStore store = store();
        SharedWorkspace a = workspace("collide-a-" + System.nanoTime());
        SharedWorkspace b = workspace("collide-b-" + System.nanoTime());
        store.put(a.id(), sha(a), SharedWorkspace.FORMAT, a.canonicalJson());
        assertThrows(ShareStore.CollisionException.class,
                () -> store.put(a.id(), sha(b), SharedWorkspace.FORMAT, b.canonicalJson()));
        assertEquals(a.canonicalJson(), store.get(a.id()).orElseThrow().content(), "never overwritten");
    }
}
