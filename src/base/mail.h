/* mail.h - a reported mail (.eml, RFC 5322/MIME) read into a plain struct
 * through GMime 3: addresses, subject, Message-ID, the first external
 * hop's IP, every URL of every text and HTML part, every attachment with
 * its hashes. Pure: no database. Text is UTF-8, converted from the part's
 * or header's charset (ISO-2022-JP, Shift_JIS, EUC-JP...).
 *
 * The first external hop: Received headers are prepended, so the topmost
 * was written by our own MTA. Walking from the top, hops whose "from"
 * address is private, loopback, link-local or shared (RFC 1918, RFC 6598,
 * 127/8, 169.254/16, fc00::/7, fe80::/10, ::1) are our internal relays; the
 * first public address met is the host that handed the mail to us. Headers
 * below it were written by hosts we do not run and can be forged, so they
 * are never used. */
#ifndef IRDESK_MAIL_H
#define IRDESK_MAIL_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"

#define MAIL_MAX_URLS 1000          /* distinct URL strings in one mail */
#define MAIL_MAX_ATTACHMENTS 200
#define MAIL_MAX_TEXT (16u << 20)   /* bytes of one text/HTML part scanned for URLs */
#define MAIL_MAX_URL_LEN 4096

/* Where an address came from. */
typedef enum { MAIL_FROM, MAIL_SENDER, MAIL_REPLY_TO, MAIL_RETURN_PATH } mail_addr_kind;

typedef struct mail_addr {
	mail_addr_kind kind;
	char *addr; /* local@domain as written (UTF-8) */
	char *name; /* display name, NULL when none */
} mail_addr;

/* Where a URL was found. */
typedef enum {
	MAIL_URL_TEXT,      /* in a text/plain part (defanged forms included) */
	MAIL_URL_HREF,      /* an href/src attribute of an HTML part */
	MAIL_URL_HTML_TEXT, /* in the text an HTML part shows */
} mail_url_where;

typedef struct mail_url {
	char *url;            /* as written (entities decoded), possibly defanged */
	mail_url_where where;
	char *href;           /* MAIL_URL_HTML_TEXT inside a link whose href differs:
	                         that href (a deceptive link); else NULL */
} mail_url;

typedef struct mail_attachment {
	char *filename;    /* RFC 2231 / encoded-word decoded, UTF-8; NULL when none */
	char *content_type; /* "application/pdf" */
	int64_t size;      /* decoded bytes */
	char sha256[65], sha1[41], md5[33]; /* lower-case hex of the decoded content */
} mail_attachment;

typedef struct mail_info {
	char sha256[65];       /* of the file as read */
	int64_t size;          /* bytes of the file */
	char *subject;         /* NULL when none */
	char *message_id;      /* without <>; NULL when none */
	char *origin_ip;       /* the first external hop; NULL when none was found */
	char *origin_received; /* the Received header it came from (unfolded) */
	mail_addr *addrs;      /* From first, then Sender, Reply-To, Return-Path */
	size_t naddrs;
	mail_url *urls;        /* distinct (url, where) pairs, in order of appearance */
	size_t nurls;
	mail_attachment *atts;
	size_t natts;
} mail_info;

/* The name of a kind, as used in notes and JSON: "From", "Sender",
 * "Reply-To", "Return-Path"; and "text", "html href", "html text". */
const char *mail_addr_kind_name(mail_addr_kind k);
const char *mail_url_where_name(mail_url_where w);

/* Parse the mail in PATH into *OUT (zeroed first; free with mail_info_free).
 * A file that is not a mail (no From and no Message-ID header, or no header
 * at all), a truncated one (a multipart without its closing boundary, a
 * base64 part cut short), or one beyond the limits above is IRD_EUSAGE
 * with the reason; on failure *OUT holds nothing. Attachments are hashed
 * as they are read: memory stays flat whatever their size. */
int mail_parse_file(const char *path, mail_info *out, ird_err *e);

/* Free what mail_parse_file filled and zero M; M may be NULL. */
void mail_info_free(mail_info *m);

/* Append to the array at *URLS (count *N) every URL-like string in the
 * UTF-8 TEXT: a scheme (http, https, ftp and their defanged forms hxxp,
 * h**p, fxp...) followed by :// (or [://], [:]//, :\\) up to white space,
 * a quote, < > or CJK punctuation; trailing . , ; : ! ? ) ] dropped.
 * Duplicates of (url, WHERE) are skipped. IRD_EUSAGE past MAIL_MAX_URLS. */
int mail_scan_text(const char *text, size_t len, mail_url_where where, const char *href,
                   mail_url **urls, size_t *n, ird_err *e);

#endif
