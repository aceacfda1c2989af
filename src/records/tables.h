/* tables.h - every audited table, for `irdesk check`. A module that adds
 * a table adds its audit_table here. */
#ifndef IRDESK_TABLES_H
#define IRDESK_TABLES_H

#include "store/audit.h"

extern const audit_table *const audited_tables[];
extern const unsigned audited_table_count;

#endif
