#!/usr/bin/env python3
"""case_bench.py - how fast the case screen is, driven for real: irdesk
on a pseudo-terminal (80x24), keys written to it, each frame marked by
IRDESK_UI_FRAME_FD, timed from the key to the frame it causes.

  case_bench.py IRDESK STORE [RUNS]

Opens the case with the most events (1,000 on the `make bench` store),
then times, as medians over RUNS (default 21):
  open     Enter on the dashboard -> the case screen drawn (Steps tab)
  timeline 3 -> the Timeline tab read and drawn (a window of its events)
  move     j on the Timeline -> the cursor moved (a repaint, no query)
beside the SQL those screens need, run by Python's sqlite3 on the same
file (the raw figure), and the ratio. The clock is fixed before every
deadline of the store so that no escalation modal takes the screen.
"""
import fcntl
import os
import pty
import select
import sqlite3
import statistics
import struct
import sys
import termios
import time


def spawn(irdesk, store, now):
    r, w = os.pipe()
    pid, fd = pty.fork()
    if pid == 0:
        os.close(r)
        os.dup2(w, 3)
        env = dict(os.environ, IRDESK_UI_FRAME_FD="3", TERM="xterm-256color",
                   LC_ALL="C.UTF-8")
        os.execve(irdesk, [irdesk, "--db", store, "--now", now], env)
    os.close(w)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    return pid, fd, r


class Screen:
    def __init__(self, fd, frames):
        self.fd, self.frames, self.buf = fd, frames, b""

    def pump(self, timeout):
        """Read the terminal (so irdesk never blocks) and frame marks;
        the number of frame marks seen within TIMEOUT seconds."""
        n, end = 0, time.monotonic() + timeout
        while True:
            left = end - time.monotonic()
            if left <= 0:
                return n
            rd, _, _ = select.select([self.fd, self.frames], [], [], left)
            if self.fd in rd:
                try:
                    os.read(self.fd, 65536)
                except OSError:
                    return n
            if self.frames in rd:
                self.buf += os.read(self.frames, 4096)
                while b"\n" in self.buf:
                    _, self.buf = self.buf.split(b"\n", 1)
                    n += 1
                if n:
                    return n

    def settle(self):
        """Wait until no frame comes for 0.3 s."""
        while self.pump(0.3):
            pass

    def key(self, k):
        """Seconds from writing K to the first frame after it."""
        self.settle()
        t0 = time.perf_counter()
        os.write(self.fd, k)
        if not self.pump(10):
            raise SystemExit("no frame after %r" % k)
        return time.perf_counter() - t0


def raw(store, case_id, runs):
    db = sqlite3.connect(store)
    def t(fn):
        xs = []
        for _ in range(runs):
            t0 = time.perf_counter()
            fn()
            xs.append(time.perf_counter() - t0)
        return statistics.median(xs)
    def open_case():
        db.execute("SELECT * FROM cases WHERE id = ?", (case_id,)).fetchall()
        db.execute("SELECT count(*) FROM timers WHERE case_id = ? AND state IN"
                   " ('pending', 'fired') AND due_at < strftime('%s')", (case_id,)).fetchall()
        db.execute("SELECT * FROM steps WHERE case_id = ? ORDER BY num", (case_id,)).fetchall()
    def timeline():
        db.execute("SELECT * FROM cases WHERE id = ?", (case_id,)).fetchall()
        # What the tab reads: its last three pages of 18 rows and one more
        # (event_page, keyset on events_case), not every event.
        db.execute("SELECT id, happened_at, recorded_at, actor, kind, text FROM events"
                   " WHERE case_id = ? AND (happened_at, id) < (?, ?)"
                   " ORDER BY happened_at DESC, id DESC LIMIT ?",
                   (case_id, 2**63 - 1, 2**63 - 1, 3 * 18 + 1)).fetchall()
    return t(open_case), t(timeline)


def main():
    irdesk, store = sys.argv[1], sys.argv[2]
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 21
    db = sqlite3.connect(store)
    case_id, hid, nev = db.execute(
        "SELECT c.id, c.hid, count(*) FROM events e JOIN cases c ON c.id = e.case_id"
        " WHERE c.closed_at IS NULL GROUP BY c.id ORDER BY count(*) DESC LIMIT 1").fetchone()
    first = db.execute("SELECT min(due_at) FROM timers").fetchone()[0] or 86400 * 365 * 30
    now = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(first - 86400))
    db.close()
    pid, fd, frames = spawn(irdesk, store, now)
    s = Screen(fd, frames)
    if not s.pump(20):
        raise SystemExit("irdesk drew nothing")
    s.settle()
    # Filter the dashboard down to the case, so Enter opens it.
    os.write(fd, b"/" + hid.encode())
    s.settle()
    os.write(fd, b"\r")
    s.settle()
    opens, tl, moves = [], [], []
    for _ in range(runs):
        opens.append(s.key(b"\r"))      # dashboard -> case (Steps)
        tl.append(s.key(b"3"))          # Timeline: every event
        moves.append(s.key(b"k"))       # a cursor move
        s.key(b"1")
        s.key(b"\x1b")                  # back to the dashboard
    os.write(fd, b"q")
    os.waitpid(pid, 0)
    r_open, r_tl = raw(store, case_id, runs)
    ms = lambda x: x * 1000
    print("case screen on %s (%s, %d events), %d runs, medians:" % (store, hid, nev, runs))
    for name, xs, r, goal in (("open case (Steps)", opens, r_open, 20),
                              ("Timeline tab (%d events)" % nev, tl, r_tl, 20),
                              ("cursor move", moves, None, 2)):
        m = statistics.median(xs)
        line = "  %-28s %7.2f ms (goal <= %d ms)" % (name, ms(m), goal)
        if r:
            line += "   raw SQL %6.2f ms   ratio %.1fx" % (ms(r), m / r)
        print(line)


if __name__ == "__main__":
    main()
