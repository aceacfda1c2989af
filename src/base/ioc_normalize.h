/* ioc_normalize.h - canonical forms of indicators (addresses, URLs, domains, IPs, hashes...).
 * Pure functions: no database, no global mutable state. The Public Suffix List comes from
 * libpsl and lives in an ioc_normalizer, created once and shared read-only. */
#ifndef IRDESK_IOC_NORMALIZE_H
#define IRDESK_IOC_NORMALIZE_H

#include "base/err.h"

typedef enum {
	IOC_EMAIL,
	IOC_URL,
	IOC_DOMAIN,
	IOC_IP,
	IOC_SHA256,
	IOC_SHA1,
	IOC_MD5,
	IOC_SUBJECT,
	IOC_FILENAME,
	IOC_MESSAGE_ID, /* a mail's Message-ID, without its angle brackets */
	IOC_TYPE_COUNT
} ioc_type;

/* Stable lower-case name of T ("email", "url", "domain", "ip", "sha256", "sha1", "md5",
 * "subject", "filename", "message-id"), as stored in the database; "?" for an out-of-range
 * value. */
const char *ioc_type_name(ioc_type t);

/* Parse a type name (case-insensitive) into *OUT: IRD_OK, or IRD_EUSAGE if S is unknown. */
int ioc_type_parse(const char *s, ioc_type *out);

/* The version of the normal forms this normaliser gives. Raise it when a change makes
 * some value's normal form, host or registrable domain differ: stores re-normalise
 * their indicators from the raw values on the next open (act_ioc_renormalize).
 * 1: A-labels for every host, WHATWG URL hosts, message-id. */
#define IOC_NORMALIZER_VERSION 1

/* Owns the Public Suffix List context; never modified after creation. */
typedef struct ioc_normalizer ioc_normalizer;

/* Create a normaliser with the system Public Suffix List if it is newer than libpsl's
 * built-in one, else the built-in list. IRD_OK, or IRD_EFAIL if no list is available. */
int ioc_normalizer_new(ioc_normalizer **out, ird_err *e);

/* Free N and its PSL context; N may be NULL. */
void ioc_normalizer_free(ioc_normalizer *n);

/* Describe the list in use ("/usr/share/publicsuffix/public_suffix_list.dafsa" or "built-in"). */
const char *ioc_normalizer_source(const ioc_normalizer *n);

typedef struct {
	ioc_type type;     /* may differ from the requested type: a domain that is an IP literal
	                      becomes IOC_IP; a URL stays IOC_URL whatever its host */
	char *normal;      /* canonical form used for matching and merging: host names as
	                      A-labels ("xn--r8jz45g.jp"), so each name has one normal form */
	char *display;     /* the normal form with host names in Unicode (U-labels, "例え.jp")
	                      for people to read; equal to normal when there is nothing to show */
	char *host;        /* email domain / URL host / domain / IP (lower-case A-labels, no
	                      trailing dot, IPv6 without brackets); NULL for hashes, subjects,
	                      file names */
	char *registrable; /* registrable domain of host via the PSL (A-labels); NULL for IPs,
	                      bare public suffixes and types without a host */
	int host_is_ip;    /* 1 when host is an IPv4 or IPv6 literal */
	char *scheme;      /* URL only: lower-case scheme */
	char *userinfo;    /* URL only: "user[:password]" as given, NULL when absent */
	char *path;        /* URL only: path, query and fragment as a browser sends them
	                      ("\\" as "/" and "." and ".." resolved in http(s), spaces,
	                      controls and non-ASCII percent-encoded; "/" when empty) */
	int port;          /* URL only: explicit port as given (even the default one), else 0 */
	int has_port;      /* URL only: 1 when a port was given (port 0 is one a browser takes) */
} ioc_norm;

/* Normalise RAW as an indicator of TYPE into *OUT (zeroed first; free with ioc_norm_free).
 * Surrounding white space is trimmed. For email, url, domain and ip: full-width ASCII and
 * the ideographic full stop are folded, defanged forms (hxxp, [.], [at], example[.com,
 * "example . com", http__, fxp...) are undone, and a URL's host is the one a browser would
 * connect to (WHATWG URL Standard host parsing, UTS #46 through libidn2), or the URL is
 * refused. The result is a fixed point: normalising OUT->normal as OUT->type gives it
 * back. IRD_OK, IRD_EUSAGE with the reason in E ("URL has no host", "invalid port"...),
 * or IRD_EFAIL when out of memory; on failure *OUT holds nothing. */
int ioc_normalize(const ioc_normalizer *n, ioc_type type, const char *raw, ioc_norm *out,
                  ird_err *e);

/* Free the strings of OUT and zero it; OUT may be NULL. */
void ioc_norm_free(ioc_norm *out);

/* Guess the type of a value typed by a user (for `irdesk ioc find VALUE`): message-id for
 * "<id@domain>", url when it has a scheme (or host/path), email when it has @ or [at], ip
 * for a literal, a hash by its hex length, else domain when it looks like a dotted host
 * name. IRD_OK or IRD_EUSAGE. */
int ioc_guess_type(const char *raw, ioc_type *out);

/* Registrable domain of HOST (any case, trailing dot allowed) as a malloc'd lower-case
 * string, in Unicode when HOST is written in Unicode, else in A-labels; NULL for
 * NULL/invalid input, a leading dot, an IP literal, or a public suffix. */
char *ioc_registrable_of(const ioc_normalizer *n, const char *host);

#endif
