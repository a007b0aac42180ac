-- eala schema, version 1. Applied by store_init() inside one transaction.
-- When and by whom a record changed lives in audit_event, not in the rows.
-- Codes (kinds, statuses, types, domains...) are checked against the code
-- lists by src/core before they get here; the database keeps references and
-- uniqueness honest.

CREATE TABLE authority (
	id            INTEGER PRIMARY KEY,
	name          TEXT NOT NULL,
	other_names   TEXT,          -- other spellings and names, '|' separated
	country       TEXT NOT NULL,
	level         TEXT NOT NULL,
	official_code TEXT,
	population    INTEGER,
	lat           REAL,
	lng           REAL,
	parent_id     INTEGER REFERENCES authority(id) ON DELETE SET NULL,
	overseas      INTEGER NOT NULL DEFAULT 0,
	source        TEXT,
	illustrative  TEXT,
	notes         TEXT
);
CREATE INDEX authority_country ON authority(country, level);

-- Coordinates other sources gave for the same place, kept when a record
-- moves an authority (a twin-city list's geocode corrected by a dataset), so
-- that importing that list again still recognises it (src/io/twincity.c).
CREATE TABLE authority_geocode (
	authority_id INTEGER NOT NULL REFERENCES authority(id) ON DELETE CASCADE,
	lat          REAL NOT NULL,
	lng          REAL NOT NULL,
	PRIMARY KEY (authority_id, lat, lng)
) WITHOUT ROWID;
CREATE UNIQUE INDEX authority_official_code ON authority(country, official_code)
	WHERE official_code IS NOT NULL;

CREATE TABLE organisation (
	id           INTEGER PRIMARY KEY,
	name         TEXT NOT NULL,
	iati_type    TEXT NOT NULL,
	subtype      TEXT,
	country      TEXT,
	authority_id INTEGER REFERENCES authority(id) ON DELETE SET NULL,
	source       TEXT,
	illustrative TEXT,
	notes        TEXT
);
CREATE INDEX organisation_authority ON organisation(authority_id);
CREATE INDEX organisation_country ON organisation(country);

CREATE TABLE network_membership (
	id           INTEGER PRIMARY KEY,
	authority_id INTEGER NOT NULL REFERENCES authority(id) ON DELETE CASCADE,
	network_id   INTEGER NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
	role         TEXT NOT NULL,
	start_date   TEXT,
	end_date     TEXT,
	source       TEXT,
	illustrative TEXT,
	UNIQUE (authority_id, network_id, role, start_date)
);
CREATE INDEX network_membership_network ON network_membership(network_id);

CREATE TABLE partnership (
	id                INTEGER PRIMARY KEY,
	name              TEXT NOT NULL,
	kind              TEXT NOT NULL,
	status            TEXT NOT NULL,
	status_date       TEXT,
	status_reason     TEXT,
	start_date        TEXT,
	end_date          TEXT,
	agreement_signed  TEXT,
	agreement_expires TEXT,
	agreement_renewed TEXT,
	deliberation_ref  TEXT,
	deliberation_date TEXT,
	source            TEXT,
	illustrative      TEXT,
	notes             TEXT,
	-- the member ids in order, home first, ',' separated (a JSON array without brackets)
	members           TEXT NOT NULL,
	-- the sorted member ids: one partnership of a kind per set of authorities
	member_key        TEXT NOT NULL
);
CREATE UNIQUE INDEX partnership_members_kind ON partnership(member_key, kind);

-- Which partnerships an authority is in: an index the store keeps from
-- partnership.members (sqlite_records.c). One b-tree per member row; an
-- authority that is a member cannot be deleted.
CREATE TABLE partnership_member (
	authority_id   INTEGER NOT NULL REFERENCES authority(id),
	partnership_id INTEGER NOT NULL,
	PRIMARY KEY (authority_id, partnership_id)
) WITHOUT ROWID;

CREATE TABLE action (
	id                    INTEGER PRIMARY KEY,
	title                 TEXT NOT NULL,
	description           TEXT,
	partnership_id        INTEGER REFERENCES partnership(id) ON DELETE SET NULL,
	authority_id          INTEGER NOT NULL REFERENCES authority(id) ON DELETE CASCADE,
	type                  TEXT NOT NULL,
	status                TEXT NOT NULL,
	start_date            TEXT,
	end_date              TEXT,
	domains               TEXT,   -- action-domain codes, '|' separated
	sectors               TEXT,   -- DAC 5-digit codes, '|' separated
	sdgs                  TEXT,   -- goal numbers, '|' separated
	countries             TEXT,   -- ISO alpha-2, '|' separated
	departments           TEXT,
	elected_officials     TEXT,
	citizen_participation INTEGER NOT NULL DEFAULT 0,
	source                TEXT,
	illustrative          TEXT,
	notes                 TEXT
);
CREATE INDEX action_authority ON action(authority_id);
CREATE INDEX action_partnership ON action(partnership_id);

-- Where an action happens, one row per country, for filters and the atlas.
CREATE TABLE action_country (
	action_id INTEGER NOT NULL REFERENCES action(id) ON DELETE CASCADE,
	country   TEXT NOT NULL,
	PRIMARY KEY (action_id, country)
) WITHOUT ROWID;
CREATE INDEX action_country_country ON action_country(country);

CREATE TABLE action_participant (
	id              INTEGER PRIMARY KEY,
	action_id       INTEGER NOT NULL REFERENCES action(id) ON DELETE CASCADE,
	organisation_id INTEGER REFERENCES organisation(id) ON DELETE CASCADE,
	authority_id    INTEGER REFERENCES authority(id) ON DELETE CASCADE,
	role            TEXT NOT NULL,
	CHECK ((organisation_id IS NULL) <> (authority_id IS NULL))
);
CREATE INDEX action_participant_action ON action_participant(action_id);
CREATE INDEX action_participant_organisation ON action_participant(organisation_id);

CREATE TABLE financing (
	id           INTEGER PRIMARY KEY,
	action_id    INTEGER NOT NULL REFERENCES action(id) ON DELETE CASCADE,
	source       TEXT NOT NULL,
	year         INTEGER NOT NULL,
	planned      REAL,
	actual       REAL,
	currency     TEXT NOT NULL DEFAULT 'EUR',
	illustrative TEXT
);
CREATE INDEX financing_action ON financing(action_id);

CREATE TABLE budget_year (
	authority_id  INTEGER NOT NULL REFERENCES authority(id) ON DELETE CASCADE,
	year          INTEGER NOT NULL,
	total         REAL,
	international REAL,
	water         REAL,
	waste         REAL,
	mobility      REAL,
	illustrative  TEXT,
	PRIMARY KEY (authority_id, year)
);

CREATE TABLE strategy (
	id           INTEGER PRIMARY KEY,
	authority_id INTEGER NOT NULL REFERENCES authority(id) ON DELETE CASCADE,
	title        TEXT NOT NULL,
	start_year   INTEGER NOT NULL,
	end_year     INTEGER,
	source       TEXT,
	illustrative TEXT
);

CREATE TABLE strategy_priority (
	strategy_id  INTEGER NOT NULL REFERENCES strategy(id) ON DELETE CASCADE,
	type         TEXT NOT NULL CHECK (type IN ('country', 'domain')),
	code         TEXT NOT NULL,
	target_share REAL,
	PRIMARY KEY (strategy_id, type, code)
);

CREATE TABLE expected_impact (
	id             INTEGER PRIMARY KEY,
	partnership_id INTEGER REFERENCES partnership(id) ON DELETE CASCADE,
	action_id      INTEGER REFERENCES action(id) ON DELETE CASCADE,
	category       TEXT NOT NULL,
	side           TEXT NOT NULL,
	description    TEXT NOT NULL,
	source         TEXT,
	illustrative   TEXT
);
CREATE INDEX expected_impact_partnership ON expected_impact(partnership_id);

CREATE TABLE indicator (
	id                 INTEGER PRIMARY KEY,
	expected_impact_id INTEGER NOT NULL REFERENCES expected_impact(id) ON DELETE CASCADE,
	title              TEXT NOT NULL,
	unit               TEXT,
	measure            TEXT,
	ascending          INTEGER NOT NULL DEFAULT 1,
	cumulative         INTEGER NOT NULL DEFAULT 0,
	baseline           REAL,
	baseline_date      TEXT
);
CREATE INDEX indicator_expected ON indicator(expected_impact_id);

CREATE TABLE indicator_period (
	indicator_id INTEGER NOT NULL REFERENCES indicator(id) ON DELETE CASCADE,
	start        TEXT NOT NULL,
	end          TEXT NOT NULL,
	target       REAL,
	actual       REAL,
	PRIMARY KEY (indicator_id, start)
);

CREATE TABLE observed_outcome (
	id             INTEGER PRIMARY KEY,
	partnership_id INTEGER REFERENCES partnership(id) ON DELETE CASCADE,
	action_id      INTEGER REFERENCES action(id) ON DELETE CASCADE,
	expected_id    INTEGER REFERENCES expected_impact(id) ON DELETE SET NULL,
	category       TEXT NOT NULL,
	side           TEXT NOT NULL,
	reported_by    TEXT NOT NULL CHECK (reported_by IN ('home', 'partner')),
	description    TEXT NOT NULL,
	date           TEXT,
	evidence_url   TEXT,
	unexpected     INTEGER NOT NULL DEFAULT 0,
	source         TEXT,
	illustrative   TEXT
);
CREATE INDEX observed_outcome_partnership ON observed_outcome(partnership_id);

CREATE TABLE practice (
	id           INTEGER PRIMARY KEY,
	name         TEXT NOT NULL UNIQUE,
	description  TEXT,
	source       TEXT,
	illustrative TEXT
);

CREATE TABLE practice_adoption (
	practice_id  INTEGER NOT NULL REFERENCES practice(id) ON DELETE CASCADE,
	authority_id INTEGER NOT NULL REFERENCES authority(id) ON DELETE CASCADE,
	date         TEXT,
	PRIMARY KEY (practice_id, authority_id)
);

CREATE TABLE partner_call (
	id           INTEGER PRIMARY KEY,
	authority_id INTEGER NOT NULL REFERENCES authority(id) ON DELETE CASCADE,
	title        TEXT NOT NULL,
	countries    TEXT,
	domains      TEXT,
	profile      TEXT,
	deadline     TEXT,
	status       TEXT NOT NULL,
	illustrative TEXT
);

CREATE TABLE user (
	id            INTEGER PRIMARY KEY,
	login         TEXT NOT NULL UNIQUE,
	name          TEXT,
	password_hash TEXT,
	created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);

CREATE TABLE role (
	user_id      INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,
	role         TEXT NOT NULL,
	authority_id INTEGER REFERENCES authority(id) ON DELETE CASCADE,
	UNIQUE (user_id, role, authority_id)
);

CREATE TABLE audit_event (
	id        INTEGER PRIMARY KEY,
	at        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
	actor     TEXT NOT NULL,
	operation TEXT NOT NULL,
	kind      TEXT NOT NULL,
	record_id INTEGER,
	before    TEXT,
	after     TEXT
);
CREATE INDEX audit_event_record ON audit_event(kind, record_id);

-- Full-text search, accent- and case-insensitive (unicode61, remove_diacritics 2).
-- rowid is the record's id, so one row is replaced cheaply. detail=none keeps
-- no positions and columnsize=0 no lengths: eala matches words and prefixes,
-- never phrases, and does not rank, and imports write the index faster. The store writes these tables itself,
-- in one batch when a transaction commits (store_sqlite.c, fts_flush): FTS5
-- written from triggers, or interleaved with other tables, flushes its
-- in-memory index at every statement and made imports five times slower.
-- authority_fts reads its text from the authority table (external content):
-- half the cost of a copy of its own, for the table imports write most.
CREATE VIRTUAL TABLE authority_fts USING fts5(name, other_names, content = 'authority',
	content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2', detail = none,
	columnsize = 0);
CREATE VIRTUAL TABLE organisation_fts USING fts5(name, tokenize = 'unicode61 remove_diacritics 2', detail = none, columnsize = 0);
CREATE VIRTUAL TABLE partnership_fts USING fts5(name, tokenize = 'unicode61 remove_diacritics 2', detail = none, columnsize = 0);
CREATE VIRTUAL TABLE action_fts USING fts5(title, description, tokenize = 'unicode61 remove_diacritics 2', detail = none, columnsize = 0);
