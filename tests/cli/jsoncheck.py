#!/usr/bin/env python3
"""jsoncheck.py MANPAGE KIND FILE - check irdesk's --json output against irdesk(1).

KIND is case-list (an array of cases), case-show (one case with its events)
or timeline (an array of events). The field names are read from the man
page's JSON OUTPUT section (each field is a ".TP" followed by ".B name"), so
the output and its documentation cannot drift apart: every documented field
must be present and no undocumented one may appear. Every field whose name
ends in "_at" is null or an ISO-8601 UTC time, 2015-05-08T10:30:00Z.
Prints the number of objects checked; exits 1 with the reasons otherwise.
"""
import datetime
import json
import re
import sys

SECTIONS = {"case": "Case objects", "show": "Case show", "event": "Event objects"}
TIME_RE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")


def documented_fields(manpage):
    """Field names per .SS section of the JSON OUTPUT part of the man page."""
    fields, section, in_json, after_tp = {}, None, False, False
    with open(manpage, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith(".SH"):
                in_json = "JSON OUTPUT" in line
                section = None
            elif in_json and line.startswith(".SS"):
                section = line[3:].strip().strip('"')
                fields[section] = []
            elif in_json and section and line == ".TP":
                after_tp = True
                continue
            elif after_tp and line.startswith(".B "):
                fields[section].append(line[3:].strip().strip('"').replace("\\-", "-"))
            after_tp = False
    for key, name in SECTIONS.items():
        if not fields.get(name):
            sys.exit("jsoncheck: %s documents no fields under \"%s\"" % (manpage, name))
    return {k: set(fields[v]) for k, v in SECTIONS.items()}


def check_object(obj, want, where, problems):
    if not isinstance(obj, dict):
        problems.append("%s: not an object" % where)
        return
    missing, extra = want - obj.keys(), obj.keys() - want
    if missing:
        problems.append("%s: documented fields missing: %s" % (where, sorted(missing)))
    if extra:
        problems.append("%s: undocumented fields: %s" % (where, sorted(extra)))
    for key, value in obj.items():
        if not key.endswith("_at") or value is None:
            continue
        if not isinstance(value, str) or not TIME_RE.match(value):
            problems.append("%s: %s is not ISO-8601 UTC: %r" % (where, key, value))
            continue
        try:
            datetime.datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ")
        except ValueError:
            problems.append("%s: %s is not a valid time: %r" % (where, key, value))


def check_array(doc, want, where, problems):
    if not isinstance(doc, list):
        problems.append("%s: not an array" % where)
        return 0
    for i, obj in enumerate(doc):
        check_object(obj, want, "%s[%d]" % (where, i), problems)
    return len(doc)


def main():
    if len(sys.argv) != 4 or sys.argv[2] not in ("case-list", "case-show", "timeline"):
        sys.exit(__doc__.splitlines()[0])
    manpage, kind, path = sys.argv[1:]
    fields = documented_fields(manpage)
    with open(path, "rb") as f:
        raw = f.read()
    try:
        doc = json.loads(raw.decode("utf-8"), parse_constant=lambda c: sys.exit(
            "jsoncheck: %s is not JSON (%s)" % (path, c)))
    except (UnicodeDecodeError, ValueError) as err:
        sys.exit("jsoncheck: %s is not valid JSON: %s" % (path, err))
    problems = []
    if kind == "case-list":
        count = check_array(doc, fields["case"], "case", problems)
    elif kind == "timeline":
        count = check_array(doc, fields["event"], "event", problems)
    else:
        count = 1
        check_object(doc, fields["case"] | fields["show"], "case", problems)
        if isinstance(doc, dict):
            count += check_array(doc.get("events"), fields["event"], "case.events", problems)
    if problems:
        sys.exit("\n".join("jsoncheck: " + p for p in problems))
    print(count)


if __name__ == "__main__":
    main()
