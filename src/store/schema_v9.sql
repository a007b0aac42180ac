-- v9: the territorial diagnostic (issue 6 item 1). A local actor's link
-- abroad: an organisation of the territory (an association, a school, a
-- company, a diaspora association) linked to a country, and there to a
-- partner authority or a place named in words, in a domain, by a kind of
-- link, since a year or a date. Drafts follow the organisation's.
CREATE TABLE stakeholder_link (
	id                   INTEGER PRIMARY KEY,
	organisation_id      INTEGER NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
	country              TEXT NOT NULL,
	partner_authority_id INTEGER REFERENCES authority(id) ON DELETE SET NULL,
	place                TEXT,
	domain               TEXT,
	kind                 TEXT NOT NULL,
	since                TEXT,
	source               TEXT,
	illustrative         TEXT,
	notes                TEXT
);
CREATE INDEX stakeholder_link_organisation ON stakeholder_link(organisation_id);
CREATE INDEX stakeholder_link_country ON stakeholder_link(country);
