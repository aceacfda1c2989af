-- schema3.sql - a store written by irdesk at schema 3 (before the audit's
-- real time, OS user and signatures), dumped with sqlite3 .dump; loaded by
-- tests/cli/anchor.sh to check that an upgraded store still verifies.
PRAGMA application_id = 1230128203;
PRAGMA user_version = 3;
PRAGMA journal_mode = WAL;
PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
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
INSERT INTO cases VALUES(1,'287e35ec-95ad-4996-8b31-99f30a65a3e4','IR-2015-0001',2015,1,'標的型メール (schema 3)','high','contained','amber',1431081000,NULL,NULL,NULL,0,0,NULL,NULL,'kato');
CREATE TABLE events (
	id           INTEGER PRIMARY KEY,
	case_id      INTEGER NOT NULL REFERENCES cases (id),
	happened_at  INTEGER NOT NULL,
	recorded_at  INTEGER NOT NULL,
	actor        TEXT NOT NULL,
	kind         TEXT NOT NULL,
	text         TEXT NOT NULL
);
INSERT INTO events VALUES(1,1,1431081000,1431081000,'kato','change','case opened, severity high');
INSERT INTO events VALUES(2,1,1431082800,1431082800,'kato','note','LAN cable pulled');
INSERT INTO events VALUES(3,1,1431086400,1431086400,'sato','change','status changed from open to contained');
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
INSERT INTO audit VALUES(1,1431081000,'kato','case.new','cases',1,'{"uuid":"287e35ec-95ad-4996-8b31-99f30a65a3e4","hid":"IR-2015-0001","year":2015,"seq":1,"title":"標的型メール (schema 3)","severity":"high","status":"open","tlp":"amber","opened_at":1431081000,"detected_at":null,"closed_at":null,"lead":null,"exercise":0,"personal_data":0,"cause":null,"playbook_id":null,"created_by":"kato"}','0000000000000000000000000000000000000000000000000000000000000000','61458208b372071006ed313ea1b1be23cea20b78596a8b61380ee443d6546752');
INSERT INTO audit VALUES(2,1431081000,'kato','event.add','events',1,'{"case_id":1,"happened_at":1431081000,"recorded_at":1431081000,"actor":"kato","kind":"change","text":"case opened, severity high"}','61458208b372071006ed313ea1b1be23cea20b78596a8b61380ee443d6546752','4bfcf189d5e0012d4b91c33d0b76c50e0ce1f1fc04b3153616332acb8dc2629f');
INSERT INTO audit VALUES(3,1431082800,'kato','event.add','events',2,'{"case_id":1,"happened_at":1431082800,"recorded_at":1431082800,"actor":"kato","kind":"note","text":"LAN cable pulled"}','4bfcf189d5e0012d4b91c33d0b76c50e0ce1f1fc04b3153616332acb8dc2629f','a3d3ce6bee9afd8fb4c62dc07a78d54931bb77a52777b5bedfd3858f85e4193f');
INSERT INTO audit VALUES(4,1431086400,'sato','case.set','cases',1,'{"uuid":"287e35ec-95ad-4996-8b31-99f30a65a3e4","hid":"IR-2015-0001","year":2015,"seq":1,"title":"標的型メール (schema 3)","severity":"high","status":"contained","tlp":"amber","opened_at":1431081000,"detected_at":null,"closed_at":null,"lead":null,"exercise":0,"personal_data":0,"cause":null,"playbook_id":null,"created_by":"kato"}','a3d3ce6bee9afd8fb4c62dc07a78d54931bb77a52777b5bedfd3858f85e4193f','4450f4806a283c95a034496cfd4be2576124444e67558ac7c0f6616c15e9c779');
INSERT INTO audit VALUES(5,1431086400,'sato','event.add','events',3,'{"case_id":1,"happened_at":1431086400,"recorded_at":1431086400,"actor":"sato","kind":"change","text":"status changed from open to contained"}','4450f4806a283c95a034496cfd4be2576124444e67558ac7c0f6616c15e9c779','42c5e4ca85eb964be4e89f510b0c49685f26e4e2c04e17feed8ac10b9a0ba935');
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
CREATE TABLE custody (
	id           INTEGER PRIMARY KEY,
	evidence_id  INTEGER NOT NULL REFERENCES evidence (id),
	at           INTEGER NOT NULL,
	from_holder  TEXT,                            -- NULL when collected
	to_holder    TEXT NOT NULL,
	by           TEXT NOT NULL,
	note         TEXT
);
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
CREATE TABLE timers (
	id            INTEGER PRIMARY KEY,
	case_id       INTEGER NOT NULL REFERENCES cases (id),
	rule          TEXT NOT NULL,                  -- escalation rule id, or step:<key>
	role          TEXT,                           -- who must be told; NULL for a step deadline
	step_id       INTEGER REFERENCES steps (id),  -- the step whose deadline this is
	trigger       TEXT NOT NULL,                  -- what started it
	created_at    INTEGER NOT NULL,
	due_at        INTEGER NOT NULL,
	state         TEXT NOT NULL CHECK (state IN ('pending', 'fired', 'satisfied', 'overridden')),
	satisfied_at  INTEGER,
	satisfied_by  TEXT,                           -- notification #n, step #n
	override_reason TEXT,
	overridden_by TEXT,
	fired_at      INTEGER,                        -- the hook ran successfully
	hook_attempts INTEGER NOT NULL DEFAULT 0,
	hook_next_at  INTEGER,                        -- retry after a failure
	hook_claim    TEXT,                           -- watcher holding it
	hook_claimed_at INTEGER,
	hook_error    TEXT                            -- last failure, shown to responders
);
CREATE TABLE hook_runs (
	id           INTEGER PRIMARY KEY,
	timer_id     INTEGER NOT NULL REFERENCES timers (id),
	started_at   INTEGER NOT NULL,
	finished_at  INTEGER NOT NULL,
	program      TEXT NOT NULL,
	exit_status  INTEGER NOT NULL,                -- -1: could not start
	output       TEXT,
	watcher      TEXT NOT NULL
);
CREATE INDEX cases_open ON cases (opened_at, id) WHERE status <> 'closed';
CREATE INDEX cases_opened ON cases (opened_at);
CREATE INDEX events_case ON events (case_id, happened_at, id);
CREATE INDEX audit_object ON audit (object_table, object_id, seq);
CREATE INDEX indicators_normal ON indicators (normal);
CREATE INDEX indicators_registrable ON indicators (registrable) WHERE registrable IS NOT NULL;
CREATE INDEX indicators_host ON indicators (host) WHERE host IS NOT NULL;
CREATE INDEX blocks_case ON blocks (case_id, indicator_id);
CREATE INDEX evidence_asset ON evidence (asset_id, kind) WHERE asset_id IS NOT NULL;
CREATE INDEX custody_evidence ON custody (evidence_id, at);
CREATE INDEX notifications_case ON notifications (case_id, role, at);
CREATE INDEX decisions_case ON decisions (case_id, question);
CREATE INDEX timers_due ON timers (due_at) WHERE state IN ('pending', 'fired');
CREATE INDEX timers_case ON timers (case_id, state);
CREATE INDEX hook_runs_timer ON hook_runs (timer_id);
COMMIT;
