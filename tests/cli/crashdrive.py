#!/usr/bin/env python3
"""crashdrive.py - SIGKILL writing irdesk processes at random moments.

Run by tests/cli/crash.sh (which sets IRDESK, IRDESK_DB and the configuration,
whose default playbook is targeted-email). One writer at a time runs `log`,
`case new`, `asset add --state infected` (which fires the playbook's triggers)
or `demo`, each carrying a unique marker (its text, title or host, and always
its actor, --as); most are SIGKILLed after a random delay drawn from the time
that kind of command takes here. After every kill `irdesk check` must pass and
every acknowledged write (exit 0 with its result printed) so far must be in the
store, found by its marker, with what it triggered; and every host there, killed
or not, has all the steps its trigger makes (no write half done). Prints the figures as JSON
on stdout, one line; diagnostics on stderr.

    crashdrive.py SEED KILLS SECONDS

SEED makes the sequence of commands and delays reproducible (the timing of
the machine does not); KILLS is how many processes must be killed while still
running; SECONDS bounds the run (it stops early and says so).
"""
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time

IRDESK = os.environ["IRDESK"]
DB = os.environ["IRDESK_DB"]
NOW = "2015-05-08T10:30:00Z"
DEMO_CASES = 8
DEMO_EXERCISES = 1  # demo also starts one exercise (ransomware-night): its case too


def run(args, actor):
    return subprocess.Popen([IRDESK, "--now", NOW, "--as", actor] + args,
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)


def finish(p):
    out, err = p.communicate()
    return p.returncode, out.decode("utf-8", "replace"), err.decode("utf-8", "replace")


def main():
    seed, kills_wanted, seconds = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
    rnd = random.Random(seed)
    start = time.monotonic()
    problems = []

    p = run(["case", "new", "--title", "crash base case"], "crash-setup")
    rc, out, err = finish(p)
    if rc != 0:
        print(json.dumps({"error": "cannot open the base case: " + err}))
        return
    base = out.strip()

    def command(kind, marker):
        if kind == "log":
            return ["log", base, marker]
        if kind == "case":
            return ["case", "new", "--title", marker, "--severity", "high"]
        if kind == "asset":
            return ["asset", "add", base, marker, "--state", "infected", "--site", "hq"]
        return ["demo", "--cases", str(DEMO_CASES), "--seed", str(rnd.randrange(1, 1 << 30))]

    def acknowledged(kind, out):
        if kind == "case":
            return out.startswith("IR-")
        if kind == "demo":
            return ("added %d demo cases" % DEMO_CASES) in out
        return True  # log and asset add print nothing; exit 0 is the acknowledgement

    kinds = ["log", "case", "asset", "demo"]
    acked = {k: [] for k in kinds}   # markers (case: (marker, hid))
    # How long each kind takes here, so that kills land inside the run.
    took = {}
    n = 0
    for kind in kinds:
        times = []
        for _ in range(3):
            n += 1
            marker = "crash-%d-%d" % (seed, n)
            t0 = time.monotonic()
            rc, out, err = finish(run(command(kind, marker), marker))
            times.append(time.monotonic() - t0)
            if rc != 0 or not acknowledged(kind, out):
                problems.append("%s failed unkilled: %s" % (kind, err.strip()))
            else:
                acked[kind].append((marker, out.strip()) if kind == "case" else marker)
        took[kind] = sorted(times)[1]

    stats = {"seed": seed, "kills": 0, "kills_survived": 0, "killed_by_kind": {k: 0 for k in kinds},
             "acknowledged": 0, "lost": 0, "finished_before_kill": 0, "runs": 0,
             "ms": {k: round(v * 1000, 1) for k, v in took.items()}}
    steps_per_asset = None
    half_done = set()

    def verify():
        """Every acknowledged write is there; returns how many are missing."""
        nonlocal steps_per_asset
        missing = []
        con = sqlite3.connect("file:%s?mode=ro" % DB, uri=True, timeout=30)
        try:
            events = {r[0] for r in con.execute(
                "SELECT e.text FROM events e JOIN cases c ON c.id = e.case_id "
                "WHERE c.hid = ? AND e.kind = 'note'", (base,))}
            missing += [m for m in acked["log"] if m not in events]
            cases = {r[0]: r[1] for r in con.execute("SELECT title, hid FROM cases")}
            missing += [m for m, hid in acked["case"] if cases.get(m) != hid]
            hosts = {r[0] for r in con.execute(
                "SELECT a.host FROM assets a JOIN cases c ON c.id = a.case_id "
                "WHERE c.hid = ? AND a.state = 'infected'", (base,))}
            steps = {}
            for subject, count in con.execute(
                    "SELECT subject, count(*) FROM steps WHERE subject_kind = 'asset' "
                    "GROUP BY subject"):
                steps[subject] = count
            # Killed or not, a host is there with all its steps or not at all.
            for host, in con.execute(
                    "SELECT a.host FROM assets a JOIN cases c ON c.id = a.case_id "
                    "WHERE c.hid = ?", (base,)):
                if steps_per_asset is not None and steps.get(host, 0) != steps_per_asset:
                    half_done.add("%s (%d steps, not %d)" %
                                  (host, steps.get(host, 0), steps_per_asset))
            for m in acked["asset"]:
                if m not in hosts:
                    missing.append(m)
                    continue
                if steps_per_asset is None:
                    steps_per_asset = steps.get(m, 0)
                if steps.get(m, 0) != steps_per_asset or steps_per_asset == 0:
                    problems.append("asset %s has %d steps, not %s" %
                                    (m, steps.get(m, 0), steps_per_asset))
            made = {r[0]: r[1] for r in con.execute(
                "SELECT actor, count(*) FROM audit WHERE action = 'case.new' GROUP BY actor")}
            missing += [m for m in acked["demo"]
                        if made.get(m, 0) != DEMO_CASES + DEMO_EXERCISES]
        finally:
            con.close()
        return missing

    while stats["kills"] < kills_wanted:
        if time.monotonic() - start > seconds:
            problems.append("stopped after %.0f s with %d of %d kills" %
                            (seconds, stats["kills"], kills_wanted))
            break
        n += 1
        stats["runs"] += 1
        # A random kind among those killed least so far: every kind is killed
        # about as often, even in a short run.
        fewest = min(stats["killed_by_kind"].values())
        kind = rnd.choice([k for k in kinds if stats["killed_by_kind"][k] == fewest])
        marker = "crash-%d-%d" % (seed, n)
        kill = rnd.random() < 0.9
        d = took[kind]
        # Half the kills anywhere in the run, half in its second half, where it
        # writes and commits; a few land after it finished (acknowledged).
        delay = rnd.uniform(0, 0.95 * d) if rnd.random() < 0.5 else rnd.uniform(0.4 * d, 1.0 * d)
        p = run(command(kind, marker), marker)
        if kill:
            time.sleep(delay)
            p.send_signal(signal.SIGKILL)
        rc, out, err = finish(p)
        if rc == -signal.SIGKILL:
            stats["kills"] += 1
            stats["killed_by_kind"][kind] += 1
        elif rc == 0 and acknowledged(kind, out):
            stats["acknowledged"] += 1
            if kill:
                stats["finished_before_kill"] += 1
            acked[kind].append((marker, out.strip()) if kind == "case" else marker)
        else:
            problems.append("%s %s: exit %d: %s" % (kind, marker, rc, err.strip()))
            continue
        if rc != -signal.SIGKILL:
            continue
        crc, cout, cerr = finish(subprocess.Popen([IRDESK, "check"], stdin=subprocess.DEVNULL,
                                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE))
        if crc != 0 or not cout.startswith("ok: "):
            problems.append("check after killing %s %s: exit %d: %s %s" %
                            (kind, marker, crc, cout.strip(), cerr.strip()))
        else:
            stats["kills_survived"] += 1
        missing = verify()
        if missing:
            stats["lost"] = len(missing)
            problems.append("after killing %s %s, acknowledged writes missing: %s" %
                            (kind, marker, " ".join(missing[:10])))
            break

    missing = verify()
    stats["lost"] = len(missing)
    if missing:
        problems.append("at the end, acknowledged writes missing: " + " ".join(missing[:10]))
    stats["acknowledged_by_kind"] = {k: len(v) for k, v in acked.items()}
    stats["steps_per_asset"] = steps_per_asset
    stats["seconds"] = round(time.monotonic() - start, 1)
    stats["half_done"] = sorted(half_done)
    stats["problems"] = problems
    print(json.dumps(stats))


if __name__ == "__main__":
    main()
