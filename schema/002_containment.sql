-- 002_containment.sql - what a responder records during containment:
-- playbook steps, assets, indicators and blocks, evidence with custody,
-- notifications and decisions.

CREATE TABLE steps (
	id           INTEGER PRIMARY KEY,
	case_id      INTEGER NOT NULL REFERENCES cases (id),
	num          INTEGER NOT NULL,                -- 1, 2, ... within the case
	step_key     TEXT NOT NULL,                   -- the playbook's step id
	title        TEXT NOT NULL,
	phase        TEXT NOT NULL,
	requires     TEXT NOT NULL,                   -- what record completes it
	subject_kind TEXT NOT NULL DEFAULT '' CHECK (subject_kind IN ('', 'asset', 'indicator')),
	subject_id   INTEGER NOT NULL DEFAULT 0,      -- the asset or indicator, 0 for the case
	subject      TEXT,                            -- its label: PC-0427, evil.example.co.jp
	state        TEXT NOT NULL CHECK (state IN ('pending', 'doing', 'done', 'skipped')),
	assignee     TEXT,
	created_at   INTEGER NOT NULL,
	due_at       INTEGER,                         -- NULL: no deadline
	started_at   INTEGER,
	finished_at  INTEGER,
	note         TEXT,                            -- done note or skip reason
	UNIQUE (case_id, num),
	UNIQUE (case_id, step_key, subject_kind, subject_id)
);

CREATE TABLE assets (
	id           INTEGER PRIMARY KEY,
	case_id      INTEGER NOT NULL REFERENCES cases (id),
	host         TEXT NOT NULL COLLATE NOCASE,    -- PC-0427 and pc-0427 are one host
	site         TEXT COLLATE NOCASE,             -- NULL: not known; "Site A" = "site a"
	state        TEXT NOT NULL CHECK (state IN ('suspected', 'infected', 'isolated', 'imaged', 'clean')),
	added_at     INTEGER NOT NULL,
	infected_at  INTEGER,                         -- first marked infected
	isolated_at  INTEGER,                         -- first marked isolated
	changed_at   INTEGER NOT NULL,
	UNIQUE (case_id, host)
);

CREATE TABLE indicators (
	id           INTEGER PRIMARY KEY,
	case_id      INTEGER NOT NULL REFERENCES cases (id),
	type         TEXT NOT NULL,                   -- email, url, domain, ip, sha256, ...
	role         TEXT NOT NULL CHECK (role IN ('sender', 'c2', 'download', 'other')),
	raw          TEXT NOT NULL,                   -- as first given
	normal       TEXT NOT NULL,
	host         TEXT,
	registrable  TEXT,                            -- NULL for IPs and non-host types
	note         TEXT,
	exfil        INTEGER NOT NULL DEFAULT 0 CHECK (exfil IN (0, 1)),
	seen_count   INTEGER NOT NULL DEFAULT 1,
	first_seen   INTEGER NOT NULL,
	last_seen    INTEGER NOT NULL,
	UNIQUE (case_id, type, normal)
);
CREATE INDEX indicators_normal ON indicators (normal);
CREATE INDEX indicators_registrable ON indicators (registrable) WHERE registrable IS NOT NULL;
CREATE INDEX indicators_host ON indicators (host) WHERE host IS NOT NULL;

CREATE TABLE blocks (
	id           INTEGER PRIMARY KEY,
	case_id      INTEGER NOT NULL REFERENCES cases (id),
	indicator_id INTEGER NOT NULL REFERENCES indicators (id),
	scope        TEXT NOT NULL CHECK (scope IN ('address', 'host', 'domain')),
	target       TEXT NOT NULL,                   -- what is blocked: address, host or registrable domain
	state        TEXT NOT NULL CHECK (state IN ('requested', 'active', 'lifted')),
	requested_at INTEGER NOT NULL,
	requested_by TEXT NOT NULL,
	activated_at INTEGER,
	lifted_at    INTEGER,
	note         TEXT
);
CREATE INDEX blocks_case ON blocks (case_id, indicator_id);

CREATE TABLE evidence (
	id           INTEGER PRIMARY KEY,
	case_id      INTEGER NOT NULL REFERENCES cases (id),
	num          INTEGER NOT NULL,                -- E1, E2, ... within the case
	asset_id     INTEGER REFERENCES assets (id),
	kind         TEXT NOT NULL CHECK (kind IN ('disk-image', 'memory', 'logs', 'mail', 'other')),
	sha256       TEXT NOT NULL,
	size         INTEGER,                         -- bytes, when hashed from a file
	location     TEXT,
	holder       TEXT NOT NULL,                   -- who holds it now
	exfil        INTEGER NOT NULL DEFAULT 0 CHECK (exfil IN (0, 1)),
	added_at     INTEGER NOT NULL,
	added_by     TEXT NOT NULL,
	UNIQUE (case_id, num)
);
CREATE INDEX evidence_asset ON evidence (asset_id, kind) WHERE asset_id IS NOT NULL;

CREATE TABLE custody (
	id           INTEGER PRIMARY KEY,
	evidence_id  INTEGER NOT NULL REFERENCES evidence (id),
	at           INTEGER NOT NULL,
	from_holder  TEXT,                            -- NULL when collected
	to_holder    TEXT NOT NULL,
	by           TEXT NOT NULL,
	note         TEXT
);
CREATE INDEX custody_evidence ON custody (evidence_id, at);

CREATE TABLE notifications (
	id           INTEGER PRIMARY KEY,
	case_id      INTEGER NOT NULL REFERENCES cases (id),
	role         TEXT NOT NULL,
	channel      TEXT NOT NULL CHECK (channel IN ('phone', 'email', 'meeting', 'chat', 'letter', 'other')),
	at           INTEGER NOT NULL,                -- when they were told
	recorded_at  INTEGER NOT NULL,
	by           TEXT NOT NULL,
	note         TEXT
);
CREATE INDEX notifications_case ON notifications (case_id, role, at);

CREATE TABLE decisions (
	id           INTEGER PRIMARY KEY,
	case_id      INTEGER NOT NULL REFERENCES cases (id),
	question     TEXT NOT NULL,                   -- full-disconnect
	choice       TEXT NOT NULL,
	rationale    TEXT NOT NULL,
	paths        TEXT,                            -- JSON array of the external paths cut
	open_paths   TEXT,                            -- JSON array of those left open
	decided_at   INTEGER NOT NULL,
	decided_by   TEXT NOT NULL
);
CREATE INDEX decisions_case ON decisions (case_id, question);
