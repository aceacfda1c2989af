/* schema_sql.h - the migrations of schema/, embedded at build time. */
#ifndef IRDESK_SCHEMA_SQL_H
#define IRDESK_SCHEMA_SQL_H

struct schema_migration {
	int version;      /* NNN of NNN_name.sql */
	const char *name; /* file name, for messages */
	const char *sql;
};

extern const struct schema_migration schema_migrations[];
extern const unsigned schema_migration_count;

#endif
