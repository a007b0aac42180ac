-- v7: the money and law checks (issue 5). The category of the yearly ODA
-- declaration an action's amounts go under (eapd-category code), and the
-- date the report on a grant was sent to its funder (a call can require the
-- reports on earlier grants).
ALTER TABLE action ADD COLUMN eapd_category TEXT;
ALTER TABLE financing ADD COLUMN report_date TEXT;
