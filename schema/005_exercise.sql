-- 005_exercise.sql - tabletop exercises: the simulated clock of an exercise
-- case and the injects released into it.

-- One exercise per exercise case. The story clock reads anchor_story at
-- real time anchor_real and runs SPEED times faster than real time, unless
-- paused (then it stands at anchor_story) or ended (at ended_story).
CREATE TABLE exercises (
	id            INTEGER PRIMARY KEY,
	case_id       INTEGER NOT NULL UNIQUE REFERENCES cases (id),
	scenario      TEXT NOT NULL,                 -- the scenario's name
	scenario_text TEXT NOT NULL,                 -- its exact text, as started
	story_start   INTEGER NOT NULL,              -- the story's T+0
	speed         INTEGER NOT NULL CHECK (speed BETWEEN 1 AND 100000),
	anchor_real   INTEGER NOT NULL,
	anchor_story  INTEGER NOT NULL,
	paused        INTEGER NOT NULL DEFAULT 0 CHECK (paused IN (0, 1)),
	started_at    INTEGER NOT NULL,              -- real time
	ended_at      INTEGER,                       -- real time; NULL while it runs
	ended_story   INTEGER                        -- story time when it ended
);
CREATE INDEX exercises_running ON exercises (id) WHERE ended_at IS NULL;

-- Each inject is released once: the UNIQUE pair, inserted in the write
-- transaction that also adds what the inject brings.
CREATE TABLE exercise_injects (
	id            INTEGER PRIMARY KEY,
	exercise_id   INTEGER NOT NULL REFERENCES exercises (id),
	inject_no     INTEGER NOT NULL,              -- 1-based, in the scenario's order
	inject_id     TEXT NOT NULL,
	released_at   INTEGER NOT NULL,              -- story time
	released_real INTEGER NOT NULL,              -- real time
	early         INTEGER NOT NULL DEFAULT 0 CHECK (early IN (0, 1)),
	released_by   TEXT NOT NULL,
	UNIQUE (exercise_id, inject_no)
);
