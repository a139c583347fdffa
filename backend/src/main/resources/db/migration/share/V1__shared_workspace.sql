-- Shared workspaces (issue 10): immutable, content-addressed rows. The same SQL runs on H2
-- (embedded default) and PostgreSQL. Rows are only ever inserted, never updated or deleted.
CREATE TABLE shared_workspace (
    id          VARCHAR(32)              NOT NULL PRIMARY KEY,
    sha256      CHAR(64)                 NOT NULL,
    format      INTEGER                  NOT NULL,
    size_bytes  INTEGER                  NOT NULL,
    content     TEXT                     NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL
);
