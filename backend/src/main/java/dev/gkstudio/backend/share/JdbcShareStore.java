package dev.gkstudio.backend.share;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

import javax.sql.DataSource;

/**
 * {@link ShareStore} over JDBC: one table ({@code shared_workspace}, created by the Flyway
 * migrations under {@code db/migration/share}) with the same SQL on H2 and PostgreSQL. Each
 * statement runs on its own auto-commit connection; a duplicate key (SQLSTATE 23505) is read back
 * and compared, so concurrent shares of the same workspace both succeed.
 */
public final class JdbcShareStore implements ShareStore {

    private static final String INSERT =
            "INSERT INTO shared_workspace (id, sha256, format, size_bytes, content) VALUES (?, ?, ?, ?, ?)";
    private static final String SELECT =
            "SELECT id, sha256, format, content, created_at FROM shared_workspace WHERE id = ?";

    private final DataSource dataSource;
    private final String description;

    public JdbcShareStore(DataSource dataSource, String description) {
        this.dataSource = dataSource;
        this.description = description;
    }

    @Override
    public Outcome put(String id, String sha256, int format, String content) throws CollisionException {
        Optional<Stored> existing = get(id);
        if (existing.isPresent()) {
            return same(existing.get(), sha256, id);
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement p = c.prepareStatement(INSERT)) {
            if (!c.getAutoCommit()) {
                c.setAutoCommit(true);
            }
            p.setString(1, id);
            p.setString(2, sha256);
            p.setInt(3, format);
            p.setInt(4, content.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
            p.setString(5, content);
            p.executeUpdate();
            return Outcome.CREATED;
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) {
                // inserted concurrently by another request or replica
                Stored other = get(id).orElseThrow(() -> new StoreException("share store: duplicate id vanished", e));
                return same(other, sha256, id);
            }
            throw new StoreException("share store (" + description + ") failed: " + e.getMessage(), e);
        }
    }

    private static Outcome same(Stored s, String sha256, String id) throws CollisionException {
        if (!s.sha256().equals(sha256)) {
            throw new CollisionException(id);
        }
        return Outcome.ALREADY_STORED;
    }

    @Override
    public Optional<Stored> get(String id) {
        try (Connection c = dataSource.getConnection(); PreparedStatement p = c.prepareStatement(SELECT)) {
            p.setString(1, id);
            try (ResultSet r = p.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Stored(r.getString(1), r.getString(2).trim(), r.getInt(3), r.getString(4),
                        instant(r.getObject(5))));
            }
        } catch (SQLException e) {
            throw new StoreException("share store (" + description + ") failed: " + e.getMessage(), e);
        }
    }

    private static Instant instant(Object o) {
        if (o instanceof OffsetDateTime t) {
            return t.toInstant();
        }
        if (o instanceof Timestamp t) {
            return t.toInstant();
        }
        if (o instanceof java.time.ZonedDateTime t) {
            return t.toInstant();
        }
        return null;
    }

    @Override
    public String describe() {
        return description;
    }
}
