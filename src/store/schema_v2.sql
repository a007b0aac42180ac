-- eala schema, version 2: login sessions, kept in the database so that
-- several servers on one store share them. Only a hash of each token is kept.
CREATE TABLE session (
	token_hash TEXT PRIMARY KEY,
	user_id    INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,
	csrf       TEXT NOT NULL,
	created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
	expires_at TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX session_user ON session(user_id);
CREATE INDEX role_user ON role(user_id);
