-- v8: the observatory's trends (issue 6). Aggregating a million partnerships
-- by year in under a second needs the year and the figures a trend groups by
-- in one index that is read in order (no sort, no row lookups):
--
-- partnership.partner_countries: the countries of the members after the home
-- one (the first), other than the home's country, sorted, '|' separated; NULL
-- when every partner is at home. Kept by the triggers below, whoever writes
-- the members or an authority's country, so that the income groups and
-- Europe's share come from one column instead of a join per partnership.
ALTER TABLE partnership ADD COLUMN partner_countries TEXT;

-- the members of a partnership (the primary key goes the other way)
CREATE INDEX partnership_member_partnership ON partnership_member(partnership_id, authority_id);

UPDATE partnership SET partner_countries = (
	SELECT group_concat(c, '|') FROM (
		SELECT DISTINCT a.country AS c FROM partnership_member m JOIN authority a ON a.id = m.authority_id
		WHERE m.partnership_id = partnership.id AND m.authority_id <> CAST(partnership.members AS INTEGER)
		  AND a.country <> (SELECT h.country FROM authority h WHERE h.id = CAST(partnership.members AS INTEGER))
		ORDER BY c));

CREATE TRIGGER partnership_member_added AFTER INSERT ON partnership_member BEGIN
	UPDATE partnership SET partner_countries = (
		SELECT group_concat(c, '|') FROM (
			SELECT DISTINCT a.country AS c FROM partnership_member m JOIN authority a ON a.id = m.authority_id
			WHERE m.partnership_id = partnership.id AND m.authority_id <> CAST(partnership.members AS INTEGER)
			  AND a.country <> (SELECT h.country FROM authority h WHERE h.id = CAST(partnership.members AS INTEGER))
			ORDER BY c))
	WHERE id = NEW.partnership_id;
END;

CREATE TRIGGER partnership_member_removed AFTER DELETE ON partnership_member BEGIN
	UPDATE partnership SET partner_countries = (
		SELECT group_concat(c, '|') FROM (
			SELECT DISTINCT a.country AS c FROM partnership_member m JOIN authority a ON a.id = m.authority_id
			WHERE m.partnership_id = partnership.id AND m.authority_id <> CAST(partnership.members AS INTEGER)
			  AND a.country <> (SELECT h.country FROM authority h WHERE h.id = CAST(partnership.members AS INTEGER))
			ORDER BY c))
	WHERE id = OLD.partnership_id;
END;

CREATE TRIGGER partnership_members_changed AFTER UPDATE OF members ON partnership BEGIN
	UPDATE partnership SET partner_countries = (
		SELECT group_concat(c, '|') FROM (
			SELECT DISTINCT a.country AS c FROM partnership_member m JOIN authority a ON a.id = m.authority_id
			WHERE m.partnership_id = partnership.id AND m.authority_id <> CAST(partnership.members AS INTEGER)
			  AND a.country <> (SELECT h.country FROM authority h WHERE h.id = CAST(partnership.members AS INTEGER))
			ORDER BY c))
	WHERE id = NEW.id;
END;

CREATE TRIGGER authority_country_changed AFTER UPDATE OF country ON authority
WHEN OLD.country IS NOT NEW.country BEGIN
	UPDATE partnership SET partner_countries = (
		SELECT group_concat(c, '|') FROM (
			SELECT DISTINCT a.country AS c FROM partnership_member m JOIN authority a ON a.id = m.authority_id
			WHERE m.partnership_id = partnership.id AND m.authority_id <> CAST(partnership.members AS INTEGER)
			  AND a.country <> (SELECT h.country FROM authority h WHERE h.id = CAST(partnership.members AS INTEGER))
			ORDER BY c))
	WHERE id IN (SELECT partnership_id FROM partnership_member WHERE authority_id = NEW.id);
END;

-- The trends' indexes: the year first, as the queries of sqlite_trends.c
-- write it (an index on an expression serves only that expression), then
-- what they group by, then draft, so that each query reads one index in order.
CREATE INDEX partnership_trend_start ON partnership(substr(start_date, 1, 4), kind, partner_countries, draft);
CREATE INDEX partnership_trend_ended ON partnership(substr(coalesce(status_date, end_date), 1, 4), kind,
	partner_countries, draft) WHERE status = 'ended';
CREATE INDEX partnership_trend_agreement ON partnership(substr(agreement_signed, 1, 4), draft)
	WHERE agreement_signed IS NOT NULL;
CREATE INDEX action_trend ON action(substr(start_date, 1, 4), domains, partnership_id IS NULL, draft);
CREATE INDEX financing_trend ON financing(year, source, currency, action_id, planned, actual);
