#!/usr/bin/env python3
"""stix_validate.py SCHEMAS FILE... - validate STIX 2.1 bundles against the
OASIS JSON schemas: the bundle against common/bundle.json and each object
against the schema of its type. Prints one line per problem; exit 1 if any."""
import json, os, sys

import jsonschema
from referencing import Registry, Resource

def load(root):
    registry, by_name = Registry(), {}
    for d, _, files in os.walk(root):
        for f in files:
            if f.endswith(".json"):
                with open(os.path.join(d, f)) as fh:
                    s = json.load(fh)
                registry = registry.with_resource(s["$id"], Resource.from_contents(s))
                by_name[os.path.relpath(os.path.join(d, f), root)] = s
    return registry, by_name

def schema_for(by_name, t):
    for d in ("sdos", "sros", "observables", "common"):
        s = by_name.get("%s/%s.json" % (d, t))
        if s:
            return s
    return None

def main():
    registry, by_name = load(sys.argv[1])
    bad = 0
    for path in sys.argv[2:]:
        with open(path) as fh:
            doc = json.load(fh)
        checks = [("bundle", by_name["common/bundle.json"], doc)]
        for o in doc.get("objects", []):
            s = schema_for(by_name, o.get("type"))
            if s is None:
                checks.append(("object", None, o))
            else:
                checks.append((o.get("id"), s, o))
        for what, schema, obj in checks:
            if schema is None:
                print("%s: no schema for type %r" % (path, obj.get("type")))
                bad += 1
                continue
            v = jsonschema.Draft202012Validator(schema, registry=registry)
            for err in v.iter_errors(obj):
                print("%s: %s: %s at %s" % (path, what, err.message[:300], list(err.absolute_path)))
                bad += 1
    sys.exit(1 if bad else 0)

main()
