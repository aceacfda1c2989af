/* clock.c - real and fixed time; ISO-8601 parsing and formatting. */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/clock.h"
#include "base/i18n.h"

int64_t
clock_now(const ird_clock *c)
{
	if (c && c->fixed)
		return c->now;
	return (int64_t)time(NULL);
}

/* Read exactly N digits at *P into *OUT. */
static int
digits(const char **p, int n, int *out)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (!isdigit((unsigned char)(*p)[i]))
			return -1;
		v = v * 10 + ((*p)[i] - '0');
	}
	*p += n;
	*out = v;
	return 0;
}

static int
days_in_month(int y, int m)
{
	static const int dm[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m == 2 && leap ? 29 : dm[m - 1];
}

/* Parse the zone suffix: Z, +HH:MM, +HHMM, +HH; *LOCAL set when absent. */
static int
parse_zone(const char *p, int *offset, int *local)
{
	int hh = 0, mm = 0, sign;

	*offset = 0;
	*local = 0;
	if (*p == '\0') {
		*local = 1;
		return 0;
	}
	if ((*p == 'Z' || *p == 'z') && p[1] == '\0')
		return 0;
	if (*p != '+' && *p != '-')
		return -1;
	sign = *p++ == '-' ? -1 : 1;
	if (digits(&p, 2, &hh) != 0)
		return -1;
	if (*p == ':')
		p++;
	if (*p && digits(&p, 2, &mm) != 0)
		return -1;
	if (*p || hh > 23 || mm > 59)
		return -1;
	*offset = sign * (hh * 3600 + mm * 60);
	return 0;
}

int
clock_parse(const char *s, int64_t *out, ird_err *e)
{
	struct tm tm = { 0 };
	const char *p = s;
	int y, mo, d, h = 0, mi = 0, sec = 0, offset, local;

	if (!s || !*s)
		return ird_fail(e, IRD_EUSAGE, _("empty time"));
	if (*s == '@') {
		char *end;
		long long v = strtoll(s + 1, &end, 10);

		if (*end || end == s + 1)
			return ird_fail(e, IRD_EUSAGE, _("invalid time \"%s\""), s);
		*out = v;
		return IRD_OK;
	}
	if (digits(&p, 4, &y) || *p++ != '-' || digits(&p, 2, &mo) || *p++ != '-' ||
	    digits(&p, 2, &d))
		goto bad;
	if (*p == 'T' || *p == 't' || *p == ' ') {
		p++;
		if (digits(&p, 2, &h) || *p++ != ':' || digits(&p, 2, &mi))
			goto bad;
		if (*p == ':') {
			p++;
			if (digits(&p, 2, &sec))
				goto bad;
			if (*p == '.') /* fractions are accepted and dropped */
				while (isdigit((unsigned char)*++p))
					;
		}
	}
	if (parse_zone(p, &offset, &local) != 0)
		goto bad;
	if (y < 1970 || y > 9999 || mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo) ||
	    h > 23 || mi > 59 || sec > 60)
		return ird_fail(e, IRD_EUSAGE, _("invalid time \"%s\": no such date or hour"), s);
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = sec;
	if (local) {
		tm.tm_isdst = -1;
		*out = (int64_t)mktime(&tm);
	} else {
		*out = (int64_t)timegm(&tm) - offset;
	}
	return IRD_OK;
bad:
	return ird_fail(e, IRD_EUSAGE,
	                _("invalid time \"%s\" (expected ISO-8601, e.g. 2015-05-08T10:30:00Z)"), s);
}

void
clock_format_utc(int64_t t, char *buf, size_t len)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (!gmtime_r(&tt, &tm) || strftime(buf, len, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		snprintf(buf, len, "@%lld", (long long)t);
}

void
clock_format_local(int64_t t, char *buf, size_t len)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (!localtime_r(&tt, &tm) || strftime(buf, len, "%Y-%m-%d %H:%M %Z", &tm) == 0)
		snprintf(buf, len, "@%lld", (long long)t);
}

void
clock_format_duration(int64_t secs, char *buf, size_t len)
{
	const char *sign = secs < 0 ? "-" : "";
	long long a = secs < 0 ? -(long long)secs : (long long)secs;
	long long d = a / 86400, h = a % 86400 / 3600, m = a % 3600 / 60;

	if (d > 0)
		snprintf(buf, len, "%s%lldd%02lldh", sign, d, h);
	else if (h > 0)
		snprintf(buf, len, "%s%lldh%02lldm", sign, h, m);
	else if (m > 0 || a == 0)
		snprintf(buf, len, "%s%lldm", sign, m);
	else
		snprintf(buf, len, "%s%llds", sign, a);
}
