#!/usr/bin/env python3
# forge.py - what a forger with write access to the store can do without
# irdesk's key: run SQL, then recompute every hash of the audit chain from
# record FROM on, exactly as src/store/audit.c computes them (the format is
# public). Usage: forge.py DB FROM [SQL...]; each SQL (one statement) runs
# first, with foreign keys off, in the same transaction.
import hashlib
import sqlite3
import sys

GENESIS = "0" * 64


def field(s):
    if s is None:
        return b"N:"
    b = str(s).encode()
    return str(len(b)).encode() + b":" + b


def record_hash(prev, r):
    fields = [prev, r["seq"], r["at"], r["actor"], r["action"], r["object_table"],
              r["object_id"], r["payload"]]
    new = {k: r[k] for k in ("real_at", "os_user", "os_host") if k in r.keys()}
    if any(v is not None for v in new.values()):  # since schema 4
        fields += [new["real_at"] if new["real_at"] is not None else 0, new["os_user"],
                   new["os_host"]]
    return hashlib.sha256(b"".join(field(f) for f in fields)).hexdigest()


def main():
    db, start = sys.argv[1], int(sys.argv[2])
    con = sqlite3.connect(db, isolation_level=None)
    con.row_factory = sqlite3.Row
    con.execute("PRAGMA foreign_keys = OFF")
    con.execute("BEGIN IMMEDIATE")
    for sql in sys.argv[3:]:
        con.execute(sql)
    prev = GENESIS
    for r in con.execute("SELECT * FROM audit ORDER BY seq").fetchall():
        if r["seq"] >= start:
            h = record_hash(prev, r)
            con.execute("UPDATE audit SET prev_hash = ?, hash = ? WHERE seq = ?", (prev, h, r["seq"]))
            prev = h
        else:
            prev = r["hash"]
    con.execute("COMMIT")
    con.close()


main()
