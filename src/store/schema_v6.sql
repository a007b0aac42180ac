-- v6: IATI identifiers (issue 5). An action imported from or exported to IATI
-- keeps its activity's iati-identifier, so that importing the file again
-- updates it instead of adding it twice; authorities and organisations keep
-- the IATI ref (org-id) they were matched by or published under.
CREATE TABLE iati_activity (
	action_id     INTEGER PRIMARY KEY REFERENCES action(id) ON DELETE CASCADE,
	identifier    TEXT NOT NULL UNIQUE,
	reporting_ref TEXT
);
CREATE TABLE iati_org (
	ref             TEXT PRIMARY KEY,
	authority_id    INTEGER REFERENCES authority(id) ON DELETE CASCADE,
	organisation_id INTEGER REFERENCES organisation(id) ON DELETE CASCADE,
	CHECK ((authority_id IS NULL) <> (organisation_id IS NULL))
);
CREATE INDEX iati_org_authority ON iati_org(authority_id);
CREATE INDEX iati_org_organisation ON iati_org(organisation_id);
