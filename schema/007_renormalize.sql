-- 007_renormalize.sql - the normaliser version each indicator's normal form
-- came from: 0 for a row written before this migration. When the normaliser
-- changes (IOC_NORMALIZER_VERSION), opening the store re-normalises every
-- older row from its raw value (act_ioc_renormalize), so that one name has
-- one normal form in the whole store.
ALTER TABLE indicators ADD COLUMN norm_version INTEGER NOT NULL DEFAULT 0;
CREATE INDEX indicators_norm_version ON indicators (norm_version);
