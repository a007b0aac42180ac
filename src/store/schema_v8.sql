-- v8: the observatory's trends (issue 6). Aggregating a million partnerships
-- by year in under a second needs the year and the figures a trend groups by
-- in one index that is read in order (no sort, no row lookups):
--
-- partnership.partner_countries: the countries of the members after the home
-- one (the first), other than the home's country, sorted, '|' separated; NULL
-- when every partner is at home. Worked out here for the partnerships already
-- there, then by the store (store_sqlite.c, partners_flush) at the commit of
-- every transaction that writes a partnership's members, and when an
-- authority changes (triggers doing it row by row made the twin-city import
-- twice as slow). The income groups and Europe's share come from this one
-- column instead of a join per partnership.
ALTER TABLE partnership ADD COLUMN partner_countries TEXT;

UPDATE partnership SET partner_countries = (
	SELECT group_concat(c, '|') FROM (
		SELECT DISTINCT a.country AS c FROM json_each('[' || partnership.members || ']') m
		JOIN authority a ON a.id = m.value WHERE m.key > 0
		  AND a.country <> (SELECT h.country FROM authority h WHERE h.id = CAST(partnership.members AS INTEGER))
		ORDER BY c));

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
