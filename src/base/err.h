/* err.h - one status code and one message, filled once where a failure happens. */
#ifndef IRDESK_ERR_H
#define IRDESK_ERR_H

#include <stddef.h>

enum ird_status {
	IRD_OK = 0,
	IRD_EFAIL = 1,     /* operation failed (I/O, database, refused action) */
	IRD_EUSAGE = 2,    /* bad command line or invalid value */
	IRD_ENOTFOUND = 4, /* no such case, step, indicator... (CLI exit 1) */
	IRD_EBUSY = 5,     /* database locked for longer than the busy timeout */
};

#define IRD_ERRLEN 512

typedef struct ird_err {
	int code;
	char msg[IRD_ERRLEN];
} ird_err;

/* Record a failure in E (which may be NULL) and return CODE. */
int ird_fail(ird_err *e, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Clear E to the success state. */
void ird_err_clear(ird_err *e);

#endif
