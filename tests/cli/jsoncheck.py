#!/usr/bin/env python3
"""jsoncheck.py [--full] MANPAGE KIND FILE - check irdesk --json output against irdesk(1).

KIND names the command whose output FILE holds (see KINDS below): case-list,
case-show, timeline, step-list, timers, asset-list, evidence-list, ioc-list,
ioc-find, block-list, notifications, decisions, export, report,
exercise-status.

The field names are read from the man page's JSON OUTPUT section (each field
is a ".TP" followed by ".B name" under a ".SS" subsection), so the output and
its documentation cannot drift apart: in every object, top-level or nested,
every documented field must be present and no undocumented one may appear.
Every time field (a name ending in "_at", "at", "first_seen", "last_seen")
is null or an ISO-8601 UTC time, 2015-05-08T10:30:00Z.

With --full, every nested array of objects must also be non-empty, so that
the fields of every kind of object were really checked.

jsoncheck.py --mutants MANPAGE KIND FILE checks the checker on FILE (which
must pass): each kind of object in it with one field renamed, and the man
page with one field of each section it uses left out, must each fail.
Prints the number of objects checked (or of mutants caught); exits 1 with
the reasons otherwise.
"""
import datetime
import json
import re
import sys

# A shape: the man page sections whose fields an object has, and for each
# field holding objects, (shape, "array" or "object").
SHAPES = {
    "case": (["Case objects"], {}),
    "event": (["Event objects"], {}),
    "step": (["Step objects"], {}),
    "timer": (["Timer objects"], {}),
    "asset": (["Asset objects"], {}),
    "custody": (["Custody objects"], {}),
    "evidence": (["Evidence objects"], {"custody": ("custody", "array")}),
    "covering-block": (["Covering block objects"], {}),
    "indicator": (["Indicator objects"], {"blocks": ("covering-block", "array")}),
    "hit": (["Indicator search results"], {"indicator": ("indicator", "object")}),
    "block": (["Block objects"], {}),
    "notification": (["Notification objects"], {}),
    "decision": (["Decision objects"], {}),
    "case-show": (["Case objects", "Case show"], {
        "events": ("event", "array"),
        "steps": ("step", "array"),
        "timers": ("timer", "array"),
        "assets": ("asset", "array"),
        "evidence": ("evidence", "array"),
        "indicators": ("indicator", "array"),
        "blocks": ("block", "array"),
        "notifications": ("notification", "array"),
        "decisions": ("decision", "array"),
    }),
    "audit-head": (["Audit head objects"], {}),
    "export": (["Case objects", "Case show", "Case export"], {
        "events": ("event", "array"),
        "steps": ("step", "array"),
        "timers": ("timer", "array"),
        "assets": ("asset", "array"),
        "evidence": ("evidence", "array"),
        "indicators": ("indicator", "array"),
        "blocks": ("block", "array"),
        "notifications": ("notification", "array"),
        "decisions": ("decision", "array"),
        "audit_head": ("audit-head", "object"),
    }),
    "report": (["Report objects"], {
        "score": ("score", "array"),
        "items": ("report-item", "array"),
        "notifications": ("report-notification", "array"),
        "decisions": ("report-decision", "array"),
        "unblocked_indicators": ("unblocked", "array"),
        "comparison": ("comparison", "array"),
    }),
    "score": (["Score objects"], {}),
    "report-item": (["Report item objects"], {}),
    "report-notification": (["Report notification objects"], {}),
    "report-decision": (["Report decision objects"], {}),
    "unblocked": (["Unblocked indicator objects"], {}),
    "comparison": (["Comparison objects"], {}),
    "exercise-status": (["Exercise status"], {
        "injects": ("exercise-inject", "array"),
        "score": ("score", "array"),
        "open_items": ("report-item", "array"),
    }),
    "exercise-inject": (["Exercise inject objects"], {}),
}

# KIND: (shape, "array" of them or one "object").
KINDS = {
    "case-list": ("case", "array"),
    "case-show": ("case-show", "object"),
    "timeline": ("event", "array"),
    "step-list": ("step", "array"),
    "timers": ("timer", "array"),
    "asset-list": ("asset", "array"),
    "evidence-list": ("evidence", "array"),
    "ioc-list": ("indicator", "array"),
    "ioc-find": ("hit", "array"),
    "block-list": ("block", "array"),
    "notifications": ("notification", "array"),
    "decisions": ("decision", "array"),
    "export": ("export", "object"),
    "report": ("report", "object"),
    "exercise-status": ("exercise-status", "object"),
}

TIME_RE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")
TIME_NAMES = {"at", "first_seen", "last_seen"}


def is_time_field(name):
    return name.endswith("_at") or name in TIME_NAMES


def documented_fields(manpage, drop=None):
    """Field names per .SS section of the JSON OUTPUT part of the man page.
    DROP (section, field) leaves one documented field out (for --mutants)."""
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
                name = line[3:].strip().strip('"').replace("\\-", "-")
                if (section, name) != drop:
                    fields[section].append(name)
            after_tp = False
    return fields


def wanted(fields, shape, manpage):
    names = set()
    for section in SHAPES[shape][0]:
        if not fields.get(section):
            sys.exit("jsoncheck: %s documents no fields under \"%s\"" % (manpage, section))
        names |= set(fields[section])
    return names


class Checker:
    def __init__(self, manpage, fields, full):
        self.manpage, self.fields, self.full = manpage, fields, full
        self.problems, self.count = [], 0

    def value(self, doc, shape, form, where):
        if form == "object":
            self.object(doc, shape, where)
            return
        if not isinstance(doc, list):
            self.problems.append("%s: not an array" % where)
            return
        if self.full and not doc and where != "top":
            self.problems.append("%s: empty, so its fields go unchecked" % where)
        for i, obj in enumerate(doc):
            self.object(obj, shape, "%s[%d]" % (where, i))

    def object(self, obj, shape, where):
        if not isinstance(obj, dict):
            self.problems.append("%s: not an object" % where)
            return
        self.count += 1
        want = wanted(self.fields, shape, self.manpage)
        missing, extra = want - obj.keys(), obj.keys() - want
        if missing:
            self.problems.append("%s: documented fields missing: %s" % (where, sorted(missing)))
        if extra:
            self.problems.append("%s: undocumented fields: %s" % (where, sorted(extra)))
        nested = SHAPES[shape][1]
        for key, value in obj.items():
            if key in nested:
                self.value(value, nested[key][0], nested[key][1], "%s.%s" % (where, key))
                continue
            if not is_time_field(key) or value is None:
                continue
            if not isinstance(value, str) or not TIME_RE.match(value):
                self.problems.append("%s: %s is not ISO-8601 UTC: %r" % (where, key, value))
                continue
            try:
                datetime.datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ")
            except ValueError:
                self.problems.append("%s: %s is not a valid time: %r" % (where, key, value))


def check(manpage, fields, kind, doc, full):
    shape, form = KINDS[kind]
    c = Checker(manpage, fields, full)
    c.value(doc, shape, form, "top" if form == "array" else shape)
    return c


def load(path):
    with open(path, "rb") as f:
        raw = f.read()
    try:
        return json.loads(raw.decode("utf-8"), parse_constant=lambda c: sys.exit(
            "jsoncheck: %s is not JSON (%s)" % (path, c)))
    except (UnicodeDecodeError, ValueError) as err:
        sys.exit("jsoncheck: %s is not valid JSON: %s" % (path, err))


def object_paths(doc, shape, form, path=()):
    """One (path, shape) per kind of object present in DOC: the first
    element of each array, each nested object."""
    if form == "array":
        if not isinstance(doc, list) or not doc:
            return []
        doc, path = doc[0], path + (0,)
    if not isinstance(doc, dict):
        return []
    found = [(path, shape)]
    for key, (sub, subform) in SHAPES[shape][1].items():
        if key in doc:
            found += object_paths(doc[key], sub, subform, path + (key,))
    return found


def mutants(manpage, kind, doc):
    """Rename one field of each kind of object, and leave one field of each
    section out of the man page: every mutant must be caught."""
    import copy
    fields = documented_fields(manpage)
    base = check(manpage, fields, kind, doc, True)
    if base.problems:
        sys.exit("\n".join("jsoncheck: " + p for p in base.problems))
    caught, escaped = 0, []
    sections = set()
    for path, shape in object_paths(doc, *KINDS[kind]):
        sections.update(SHAPES[shape][0])
        mutant = copy.deepcopy(doc)
        obj = mutant
        for step in path:
            obj = obj[step]
        key = sorted(k for k in obj if k not in SHAPES[shape][1])[0]
        obj["renamed_" + key] = obj.pop(key)
        if check(manpage, fields, kind, mutant, True).problems:
            caught += 1
        else:
            escaped.append("renaming %s in %s" % (key, shape))
    for section in sorted(sections):
        name = fields[section][0]
        if check(manpage, documented_fields(manpage, (section, name)), kind, doc,
                 True).problems:
            caught += 1
        else:
            escaped.append("leaving %s out of \"%s\"" % (name, section))
    if escaped:
        sys.exit("\n".join("jsoncheck: mutant not caught: " + p for p in escaped))
    return caught


def main():
    args = sys.argv[1:]
    full = mode_mutants = False
    while args and args[0] in ("--full", "--mutants"):
        full |= args[0] == "--full"
        mode_mutants |= args[0] == "--mutants"
        args = args[1:]
    if len(args) != 3 or args[1] not in KINDS:
        sys.exit(__doc__.splitlines()[0])
    manpage, kind, path = args
    doc = load(path)
    if mode_mutants:
        print(mutants(manpage, kind, doc))
        return
    c = check(manpage, documented_fields(manpage), kind, doc, full)
    if c.problems:
        sys.exit("\n".join("jsoncheck: " + p for p in c.problems))
    print(c.count)


if __name__ == "__main__":
    main()
