/* clock.h - "now" for every command: the real clock, or one fixed by --now
 * (tests, scripts) and later a simulated one (exercises). Times are UTC
 * seconds since the epoch everywhere in the core. */
#ifndef IRDESK_CLOCK_H
#define IRDESK_CLOCK_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"

typedef struct ird_clock {
	int fixed;     /* 1: NOW is used instead of the real clock */
	int64_t now;
} ird_clock;

/* The current time by C. */
int64_t clock_now(const ird_clock *c);

/* Parse ISO-8601: 2015-05-08T10:30:00Z, ...+09:00, 2015-05-08T10:30Z,
 * "2015-05-08 10:30" (no zone: local time), 2015-05-08 (local midnight),
 * or @SECONDS. IRD_EUSAGE with the reason when invalid. */
int clock_parse(const char *s, int64_t *out, ird_err *e);

/* 2015-05-08T10:30:00Z into BUF (at least 21 bytes). */
void clock_format_utc(int64_t t, char *buf, size_t len);

/* Local time for people: "2015-05-08 19:30 JST". */
void clock_format_local(int64_t t, char *buf, size_t len);

/* Signed duration for people: "-1h05m", "12m", "3d04h". */
void clock_format_duration(int64_t secs, char *buf, size_t len);

#endif
