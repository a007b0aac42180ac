-- v5: the results chain (issue 4). Who reported an observed outcome (a
-- login), and documents uploaded as its evidence; indexes for reading the
-- results of an action and the outcomes linked to an expectation.
CREATE TABLE document (
	id          INTEGER PRIMARY KEY,
	name        TEXT NOT NULL,
	media_type  TEXT NOT NULL,
	size        INTEGER NOT NULL,
	sha256      TEXT NOT NULL,
	content     BLOB NOT NULL,
	uploaded_by TEXT,
	uploaded_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
ALTER TABLE observed_outcome ADD COLUMN reporter TEXT;
ALTER TABLE observed_outcome ADD COLUMN evidence_document INTEGER REFERENCES document(id) ON DELETE SET NULL;
CREATE INDEX observed_outcome_expected ON observed_outcome(expected_id);
CREATE INDEX observed_outcome_document ON observed_outcome(evidence_document);
CREATE INDEX observed_outcome_action ON observed_outcome(action_id);
CREATE INDEX expected_impact_action ON expected_impact(action_id);
