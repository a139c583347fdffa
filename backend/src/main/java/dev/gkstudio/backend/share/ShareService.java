package dev.gkstudio.backend.share;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

/**
 * Sharing: validates a workspace, enforces the size cap and the rate limit, stores it under its
 * content-addressed id and reads it back (checking that the row still hashes to its id).
 *
 * <p>The store is the datasource that is active: {@code share} (H2 file under
 * {@code gkstudio.data-dir}, the default) or {@code sharepg} (PostgreSQL, profile {@code pg}).
 */
@ApplicationScoped
public class ShareService {

    private static final Logger LOG = Logger.getLogger(ShareService.class);

    /** Why a request was refused; the resource maps it to a status code. */
    public static final class Refused extends Exception {
        public enum Reason { TOO_LARGE, RATE_LIMITED, INVALID, NOT_FOUND, CORRUPT, COLLISION }

        private final Reason reason;
        private final transient List<SharedWorkspace.Problem> problems;
        private final long retryAfterSeconds;

        Refused(Reason reason, String message, List<SharedWorkspace.Problem> problems, long retryAfterSeconds) {
            super(message);
            this.reason = reason;
            this.problems = problems;
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public Reason reason() {
            return reason;
        }

        public List<SharedWorkspace.Problem> problems() {
            return problems;
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }

    /** A stored share. */
    public record Created(String id, boolean created, int sizeBytes) {
    }

    private final Instance<AgroalDataSource> h2;
    private final Instance<AgroalDataSource> pg;
    private final Config config;
    private final int maxBytes;
    private final RateLimiter limiter;
    private volatile ShareStore store;

    ShareService(@DataSource("share") Instance<AgroalDataSource> h2, @DataSource("sharepg") Instance<AgroalDataSource> pg,
                 Config config,
                 @ConfigProperty(name = "gkstudio.share.max-bytes", defaultValue = "524288") int maxBytes,
                 @ConfigProperty(name = "gkstudio.share.rate-limit.requests", defaultValue = "30") int requests,
                 @ConfigProperty(name = "gkstudio.share.rate-limit.window", defaultValue = "PT1M") Duration window) {
        this.h2 = h2;
        this.pg = pg;
        this.config = config;
        this.maxBytes = maxBytes;
        this.limiter = new RateLimiter(requests, window);
    }

    void onStart(@Observes StartupEvent e) {
        LOG.infof("Share links stored in %s (size cap %d bytes, %d shares per %s per client address)",
                store().describe(), maxBytes, limiter.capacity(), limiter.window());
    }

    ShareStore store() {
        ShareStore s = store;
        if (s == null) {
            synchronized (this) {
                if (store == null) {
                    boolean usePg = config.getOptionalValue("quarkus.datasource.sharepg.active", Boolean.class).orElse(false);
                    store = usePg
                            ? new JdbcShareStore(pg.get(), "PostgreSQL")
                            : new JdbcShareStore(h2.get(), "H2 file under " + config.getOptionalValue("gkstudio.data-dir", String.class).orElse("?"));
                }
                s = store;
            }
        }
        return s;
    }

    /** Forgets the rate-limit state (tests). */
    void resetRateLimits() {
        limiter.reset();
    }

    public int maxBytes() {
        return maxBytes;
    }

    /** Validates and stores a workspace sent by {@code client}. */
    public Created share(String client, String body) throws Refused {
        RateLimiter.Decision d = limiter.acquire(client);
        if (!d.allowed()) {
            throw new Refused(Refused.Reason.RATE_LIMITED, "Too many shares from your address: at most "
                    + limiter.capacity() + " per " + human(limiter.window()) + ". Try again in "
                    + d.retryAfterSeconds() + " s.", List.of(), d.retryAfterSeconds());
        }
        if (body.length() > ShareBodyLimit.maxBodyChars(maxBytes)) {
            throw tooLarge(body.length());
        }
        SharedWorkspace w = validate(body);
        int size = w.sizeBytes();
        if (size > maxBytes) {
            throw tooLarge(size);
        }
        String id = w.id();
        try {
            ShareStore.Outcome o = store().put(id, ShareIds.hex(ShareIds.sha256(w.canonicalJson())), SharedWorkspace.FORMAT,
                    w.canonicalJson());
            return new Created(id, o == ShareStore.Outcome.CREATED, size);
        } catch (ShareStore.CollisionException e) {
            LOG.errorf("share id collision for %s", id);
            throw new Refused(Refused.Reason.COLLISION, e.getMessage(), List.of(), 0);
        }
    }

    /** Checks a workspace (e.g. from a {@code #w=} link) without storing it. */
    public SharedWorkspace validate(String body) throws Refused {
        try {
            return SharedWorkspace.parse(body);
        } catch (SharedWorkspace.InvalidException e) {
            throw new Refused(Refused.Reason.INVALID, "The workspace is not valid: " + e.getMessage(), e.problems(), 0);
        }
    }

    /** Reads a share back, validated, with its content checked against its id. */
    public SharedWorkspace get(String id) throws Refused {
        if (!ShareIds.isWellFormed(id)) {
            throw new Refused(Refused.Reason.NOT_FOUND, "No shared workspace has the id \"" + shortId(id)
                    + "\": a link id is " + ShareIds.LENGTH + " letters and digits.", List.of(), 0);
        }
        Optional<ShareStore.Stored> row = store().get(id);
        if (row.isEmpty()) {
            throw new Refused(Refused.Reason.NOT_FOUND, "No shared workspace has the id " + id + ".", List.of(), 0);
        }
        ShareStore.Stored s = row.get();
        String sha = ShareIds.hex(ShareIds.sha256(s.content()));
        if (!sha.equals(s.sha256()) || !ShareIds.idOf(s.content()).equals(id)) {
            throw new Refused(Refused.Reason.CORRUPT, "The stored workspace " + id
                    + " does not match its id (the row was altered); it is not restored.", List.of(), 0);
        }
        try {
            return SharedWorkspace.parse(s.content());
        } catch (SharedWorkspace.InvalidException e) {
            throw new Refused(Refused.Reason.CORRUPT, "The shared workspace " + id + " cannot be restored: "
                    + e.getMessage(), e.problems(), 0);
        }
    }

    Refused tooLarge(long size) {
        return new Refused(Refused.Reason.TOO_LARGE, "The workspace is too large to share: " + kib(size)
                + " (the limit is " + kib(maxBytes) + "). Remove large samples or inventory objects.", List.of(), 0);
    }

    private static String kib(long bytes) {
        return bytes < 1024 ? bytes + " bytes" : String.format(java.util.Locale.ROOT, "%.1f KiB", bytes / 1024.0);
    }

    static String human(Duration d) {
        if (d.toSeconds() % 3600 == 0 && d.toSeconds() >= 3600) {
            return d.toHours() == 1 ? "hour" : d.toHours() + " hours";
        }
        if (d.toSeconds() % 60 == 0 && d.toSeconds() >= 60) {
            return d.toMinutes() == 1 ? "minute" : d.toMinutes() + " minutes";
        }
        return d.toSeconds() + " s";
    }

    private static String shortId(String id) {
        String s = id == null ? "" : id.replaceAll("[^\\x20-\\x7e]", "?");
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
