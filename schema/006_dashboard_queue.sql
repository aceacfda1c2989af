-- 006_dashboard_queue.sql - the dashboard's urgency order in an index, so
-- that the queue reads only the rows it shows (src/queries/dashboard.c).
--
-- The queue is the cases with an open timer (from timers_due: as few as
-- the open timers), by their next deadline, then every other case by
-- severity, the newest first: this second part is read in the order of
-- this index, LIMIT/OFFSET on it, without a sort (with closed cases shown,
-- the dashboard's `c`, it is sorted, as before). The severity rank
-- is written exactly as the queries write it (SQLite matches the text).
-- exercise is in the index so that hiding exercise cases, and counting
-- the cases by severity, need no read of the cases themselves. IF NOT
-- EXISTS: a store made at schema 6 and marked older (tests) upgrades too.
CREATE INDEX IF NOT EXISTS cases_queue ON cases (
	(CASE severity WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 ELSE 3 END),
	opened_at DESC, id DESC, exercise) WHERE status <> 'closed';
