/* err.c - status codes with one message. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>

#include "base/err.h"

int
ird_fail(ird_err *e, int code, const char *fmt, ...)
{
	va_list ap;

	if (!e)
		return code;
	e->code = code;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	va_end(ap);
	return code;
}

void
ird_err_clear(ird_err *e)
{
	if (!e)
		return;
	e->code = IRD_OK;
	e->msg[0] = '\0';
}
