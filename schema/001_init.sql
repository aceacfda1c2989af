-- 001_init.sql - the irdesk case store.
-- Times are INTEGER seconds since the epoch, UTC. Every table that holds
-- case data is mirrored in the audit chain (see src/audit.c); its rows are
-- written only by the module that owns it.

-- Playbooks as applied to cases: the text is copied (once per distinct text)
-- so that editing the file later does not change running cases.
CREATE TABLE playbook_copies (
	id           INTEGER PRIMARY KEY,
	name         TEXT NOT NULL,
	sha256       TEXT NOT NULL UNIQUE,
	text         TEXT NOT NULL,
	copied_at    INTEGER NOT NULL
);

CREATE TABLE cases (
	id            INTEGER PRIMARY KEY,
	uuid          TEXT NOT NULL UNIQUE,
	hid           TEXT NOT NULL UNIQUE,          -- IR-YYYY-NNNN
	year          INTEGER NOT NULL,
	seq           INTEGER NOT NULL,
	title         TEXT NOT NULL,
	severity      TEXT NOT NULL CHECK (severity IN ('low','medium','high','critical')),
	status        TEXT NOT NULL CHECK (status IN ('open','contained','eradicated','recovered','closed')),
	tlp           TEXT NOT NULL CHECK (tlp IN ('clear','green','amber','amber+strict','red')),
	opened_at     INTEGER NOT NULL,
	detected_at   INTEGER,
	closed_at     INTEGER,
	lead          TEXT,
	exercise      INTEGER NOT NULL DEFAULT 0 CHECK (exercise IN (0,1)),
	personal_data INTEGER NOT NULL DEFAULT 0 CHECK (personal_data IN (0,1)),
	cause         TEXT,
	playbook_id   INTEGER REFERENCES playbook_copies (id), -- the playbook in force
	created_by    TEXT NOT NULL,
	UNIQUE (year, seq)
);
CREATE INDEX cases_open ON cases (opened_at, id) WHERE status <> 'closed';
CREATE INDEX cases_opened ON cases (opened_at);

CREATE TABLE events (
	id           INTEGER PRIMARY KEY,
	case_id      INTEGER NOT NULL REFERENCES cases (id),
	happened_at  INTEGER NOT NULL,
	recorded_at  INTEGER NOT NULL,
	actor        TEXT NOT NULL,
	kind         TEXT NOT NULL,
	text         TEXT NOT NULL
);
CREATE INDEX events_case ON events (case_id, happened_at, id);

-- The audit chain: one row per change, hash-chained.
CREATE TABLE audit (
	seq          INTEGER PRIMARY KEY,
	at           INTEGER NOT NULL,
	actor        TEXT NOT NULL,
	action       TEXT NOT NULL,
	object_table TEXT NOT NULL,
	object_id    INTEGER NOT NULL,
	payload      TEXT,                           -- the row as JSON after the change; NULL when deleted
	prev_hash    TEXT NOT NULL,
	hash         TEXT NOT NULL
);
CREATE INDEX audit_object ON audit (object_table, object_id, seq);
