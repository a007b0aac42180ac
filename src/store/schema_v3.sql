-- eala schema, version 3: a generation number, raised by every transaction
-- that commits (store_commit), so that a server can tell in one read whether
-- anything changed since it built a response (src/web/cache.c), whichever
-- process wrote.
CREATE TABLE meta (
	key   TEXT PRIMARY KEY,
	value INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO meta(key, value) VALUES ('generation', 0);
