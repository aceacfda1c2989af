#!/usr/bin/env python3
"""exercise_team.py - play one team in a scripted exercise (tests/cli/exercise.sh).

usage: exercise_team.py IRDESK CASE NOW good|bad STAGE

good: do everything the case asks for now: tell every role a timer or an
      expectation waits for, block every sender, C&C and download indicator by its
      widest scope, isolate and image every infected host, decide full
      disconnection when asked, then finish every step.
bad:  repeat 2015: block C&C hosts by sub-domain only, never block senders,
      isolate late, tell the executives only at STAGE may25-post, never
      decide full disconnection.
"""
import hashlib
import json
import subprocess
import sys

irdesk, case, now, team, stage = sys.argv[1:6]


def run(*args, check=True):
    p = subprocess.run([irdesk, "--now", now, "--as", team + "-lead", *args],
                       capture_output=True, text=True)
    if check and p.returncode != 0:
        sys.exit("irdesk %s: exit %d: %s" % (" ".join(args), p.returncode, p.stderr))
    return p.stdout


def js(*args):
    return json.loads(run(*args))


report = js("report", case, "--format", "json")
pending = [i for i in report["items"] if i["outcome"] == "pending"]
timers = [t for t in js("timers", case, "--json") if t["state"] in ("pending", "fired")]

roles = {t["role"] for t in timers if t["role"]}
roles |= {i["what"].split()[1] for i in pending if i["what"].startswith("notify ")}
if team == "bad":
    roles = {r for r in roles if r == "csirt-lead"}
    if stage == "may25-post":
        roles.add("executives")
for role in sorted(roles):
    run("notify", case, "--to", role, "--channel", "phone", "--note", "told at " + stage)

for ioc in js("ioc", "list", case, "--json"):
    if ioc["role"] not in ("sender", "c2", "download") or any(b["state"] != "lifted" for b in ioc["blocks"]):
        continue
    # A second URL under a domain already blocked is refused: nothing to do.
    if team == "good":
        run("block", case, ioc["raw"], check=False)
    elif ioc["role"] == "c2":
        run("block", case, ioc["raw"], "--scope", "host", check=False)
for b in js("block", "list", case, "--json"):
    if b["state"] == "requested":
        run("block", "activate", case, str(b["id"]))

if team == "good" or stage in ("may22-site-a", "may23-site-b"):
    for a in js("asset", "list", case, "--json"):
        if a["state"] == "infected":
            run("asset", "set", case, a["host"], "--state", "isolated")
            digest = hashlib.sha256(a["host"].encode()).hexdigest()
            run("evidence", "add", case, "--asset", a["host"], "--kind", "disk-image",
                "--sha256", digest)

if team == "good" and any(i["what"].startswith("decision ") for i in pending) \
        or team == "good" and any(s["key"] == "decide-disconnect" and s["state"] != "done"
                                  for s in js("step", "list", case, "--json")):
    run("decide", case, "full-disconnect", "--choice", "disconnect",
        "--rationale", "spreading attack: cut every external path now")

if team == "good":
    for s in js("step", "list", case, "--json"):
        if s["state"] not in ("done", "skipped"):
            run("step", "done", case, str(s["num"]))
