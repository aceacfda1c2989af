-- 004_audit_anchor.sql - who really made each change and when, and a
-- signed head of the audit chain (see src/store/audit.c and irdesk(1),
-- AUDIT TRAIL). Records written before this migration keep NULL in the new
-- columns and are verified as they were hashed then.

-- The real wall-clock time of the writing process (at is the case's
-- clock: --now or the exercise time), and the operating-system user and
-- host of that process (actor is the name given with --as).
ALTER TABLE audit ADD COLUMN real_at INTEGER;
ALTER TABLE audit ADD COLUMN os_user TEXT;
ALTER TABLE audit ADD COLUMN os_host TEXT;

-- At each commit the head of the chain, "irdesk-audit-head-v1 SEQ:HASH",
-- signed with the writing user's Ed25519 key, which the store does not hold.
CREATE TABLE audit_seals (
	seq          INTEGER PRIMARY KEY,            -- the audit record that was the head
	hash         TEXT NOT NULL,                  -- its hash
	key          TEXT NOT NULL,                  -- the Ed25519 public key, 64 hex digits
	sig          TEXT NOT NULL                   -- the signature, 128 hex digits
);
