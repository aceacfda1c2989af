-- 003_escalation.sql - escalation timers and the hooks they fire.

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
CREATE INDEX timers_due ON timers (due_at) WHERE state IN ('pending', 'fired');
CREATE INDEX timers_case ON timers (case_id, state);

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
CREATE INDEX hook_runs_timer ON hook_runs (timer_id);
