#!/usr/bin/env python3
"""gen_batch_events.py - intake-event files for `bench_triage FILE`, with the
expected batch trigger count from a straightforward reference (R-BAT-1..3).

A file is a sequence of 24-byte little-endian records:
    int64  intake time, UTC ms
    uint32 matter
    uint32 customer
    uint32 VIP flag (0/1)
    4 bytes of zero padding
in the order the events reach the host (so late events appear after newer
ones).

Reference (SPEC R-BAT-1..3, default policy): for each event e in file order,
take every event read so far (e included) with e's matter and an intake time
in [t(e) - 60 min, t(e)] (inclusive at both ends, event time, R-BAT-3);
count distinct customers once each (R-BAT-2), a customer being VIP when any
of its events there is VIP; e triggers when ordinary*5 + vip*10 > 50
(R-BAT-1: the 11th ordinary or the 6th VIP customer, mixes weighted).

Usage:
    gen_batch_events.py OUT [--profile NAME] [--n N] [--seed S]
        write a file and print `expected batch_triggers <n> events`
    gen_batch_events.py --expect FILE
        the reference count for an existing file
    gen_batch_events.py --verify BENCH [--n N]
        for every profile: write a file to a temporary directory, run
        `BENCH FILE`, compare its `bench batch_triggers` line with the
        reference; exit 1 on any disagreement

Profiles: normal, late (heavy lateness, up to 5 days), dups (a few customers
calling again and again, VIP flag varying per event), boundary (events
exactly 60:00 apart, +-1 ms, equal timestamps), dense (windows hovering
around the thresholds), all (every profile concatenated in time).
Python 3 standard library only; deterministic for a given seed.
"""
import argparse
import bisect
import os
import random
import re
import struct
import subprocess
import sys
import tempfile

WINDOW_MS = 60 * 60 * 1000
N_ORD, N_VIP = 10, 5                 # R-BAT-1 defaults
START_MS = 1709481600000             # 2024-03-04 00:00 +08:00
RECORD = struct.Struct('<qIII4x')    # 24 bytes
PROFILES = ('normal', 'late', 'dups', 'boundary', 'dense')


# ---------------------------------------------------------------- reference

def is_batch(ordinary, vip):
    """R-BAT-1 default mixed threshold."""
    return ordinary * N_VIP + vip * N_ORD > N_ORD * N_VIP


def reference_triggers(events):
    """Events are (t, matter, customer, vip) in arrival order."""
    by_matter = {}   # matter -> (sorted times, records in the same order)
    triggers = 0
    for t, matter, customer, vip in events:
        times, recs = by_matter.setdefault(matter, ([], []))
        pos = bisect.bisect_right(times, t)
        times.insert(pos, t)
        recs.insert(pos, (customer, vip))
        lo = bisect.bisect_left(times, t - WINDOW_MS)
        hi = bisect.bisect_right(times, t)
        customers = {}
        for c, v in recs[lo:hi]:
            customers[c] = customers.get(c, False) or bool(v)
        n_vip = sum(1 for v in customers.values() if v)
        if is_batch(len(customers) - n_vip, n_vip):
            triggers += 1
    return triggers


# ---------------------------------------------------------------- generators

def zipf_sampler(rng, n, s):
    weights = [(k + 1) ** -s for k in range(n)]
    cum, total = [], 0.0
    for w in weights:
        total += w
        cum.append(total)
    return lambda: min(bisect.bisect_left(cum, rng.random() * total), n - 1)


def with_lateness(rng, events, share, mean_ms, cap_ms):
    """Deliver a share of events late: sort by arrival = t + delay."""
    arrival = []
    for i, e in enumerate(events):
        delay = 0
        if rng.random() < share:
            delay = min(int(rng.expovariate(1.0 / mean_ms)), cap_ms)
        arrival.append((e[0] + delay, i, e))
    arrival.sort()
    return [e for _, _, e in arrival]


def gen_normal(rng, n):
    """Zipf matters, skewed customers with ~10% VIP, 1% of events 1-50 min late."""
    matter = zipf_sampler(rng, 2000, 1.1)
    customer = zipf_sampler(rng, 60000, 0.5)
    events, t = [], START_MS
    gap = 2 * 86400000 / n
    for _ in range(n):
        t += int(rng.expovariate(1.0 / gap))
        c = 1 + customer()
        vip = 1 if (c * 2654435761) % 10 == 0 else 0
        if rng.random() < 0.02:
            vip ^= 1
        events.append((t, 1 + matter(), c, vip))
    for i, (t, m, c, v) in enumerate(events):
        if rng.random() < 0.01:   # late: arrives after newer events
            events[i] = (t - 60000 * rng.randint(1, 50), m, c, v)
    return events


def gen_late(rng, n):
    """Heavy lateness: 30% of events arrive up to 5 days late."""
    matter = zipf_sampler(rng, 300, 0.9)
    events, t = [], START_MS
    gap = 4 * 86400000 / n
    for _ in range(n):
        t += int(rng.expovariate(1.0 / gap))
        c = rng.randint(1, 3000)
        events.append((t, 1 + matter(), c, 1 if rng.random() < 0.12 else 0))
    return with_lateness(rng, events, 0.3, 2 * 3600000, 5 * 86400000)


def gen_dups(rng, n):
    """Few matters, a small pool of customers each calling many times; the
    VIP flag varies per event (a customer is VIP if any event is)."""
    events, t = [], START_MS
    gap = 60 * 60000 / (12 * 20)   # 12 matters, ~20 calls an hour each
    for _ in range(n):
        t += int(rng.expovariate(1.0 / gap))
        m = rng.randint(1, 12)
        c = 100 * m + rng.randint(1, 12)   # 12 customers per matter
        events.append((t, m, c, 1 if rng.random() < 0.03 else 0))
    return with_lateness(rng, events, 0.1, 30 * 60000, 3 * 3600000)


def gen_boundary(rng, n):
    """Times on the hour (+-1 ms, ties): windows that include or exclude a
    neighbour by exactly the 60:00 boundary."""
    events = []
    base = START_MS
    hours = max(1, n // 45)   # ~7 events per (hour, matter)
    for _ in range(n):
        hour = rng.randint(0, hours)
        offset = rng.choice((0, 0, 0, 1, -1, WINDOW_MS // 2))
        t = base + hour * WINDOW_MS + offset
        m = rng.randint(1, 6)
        c = rng.randint(1, 40)
        events.append((t, m, c, 1 if rng.random() < 0.15 else 0))
    # Arrival order: mostly by time, a quarter shuffled (late and early).
    events.sort()
    for i in range(len(events)):
        if rng.random() < 0.25:
            j = min(len(events) - 1, i + rng.randint(1, 400))
            events[i], events[j] = events[j], events[i]
    return events


def gen_dense(rng, n):
    """Matters receiving about 10 distinct customers an hour, some VIP."""
    events, t = [], START_MS
    gap = 60 * 60000 / 10 / 20   # 20 matters at ~10 events an hour each
    for _ in range(n):
        t += int(rng.expovariate(1.0 / gap))
        m = rng.randint(1, 20)
        c = rng.randint(1, 400)
        events.append((t, m, c, 1 if rng.random() < 0.12 else 0))
    return with_lateness(rng, events, 0.05, 20 * 60000, 90 * 60000)


GENERATORS = {
    'normal': gen_normal,
    'late': gen_late,
    'dups': gen_dups,
    'boundary': gen_boundary,
    'dense': gen_dense,
}


def generate(profile, n, seed):
    rng = random.Random('%s:%d' % (profile, seed))
    if profile != 'all':
        return GENERATORS[profile](rng, n)
    out, shift = [], 0
    for i, name in enumerate(PROFILES):
        part = GENERATORS[name](rng, n // len(PROFILES))
        # Shift each part after the previous one; matters stay distinct.
        lo = min(e[0] for e in part)
        out += [(t - lo + shift, m + 1000000 * i, c, v) for t, m, c, v in part]
        shift = max(e[0] for e in out) + 1
    return out


# ---------------------------------------------------------------- file I/O

def write_events(path, events):
    with open(path, 'wb') as f:
        for t, m, c, v in events:
            f.write(RECORD.pack(t, m, c, v))


def read_events(path):
    with open(path, 'rb') as f:
        data = f.read()
    if len(data) % RECORD.size:
        raise SystemExit('%s: size is not a multiple of %d' % (path, RECORD.size))
    return [RECORD.unpack_from(data, i) for i in range(0, len(data), RECORD.size)]


def run_bench(bench, path):
    out = subprocess.run([bench, path], check=True, capture_output=True, text=True).stdout
    m = re.search(r'^bench batch_triggers (\d+) events$', out, re.M)
    rate = re.search(r'^bench batch_rate (\d+) events/s$', out, re.M)
    if not m:
        raise SystemExit('no batch_triggers line in:\n' + out)
    return int(m.group(1)), int(rate.group(1)) if rate else 0, out


def verify(bench, n, seed):
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        for profile in PROFILES + ('all',):
            events = generate(profile, n, seed)
            path = os.path.join(tmp, profile + '.bin')
            write_events(path, events)
            want = reference_triggers(events)
            got, rate, out = run_bench(bench, path)
            same = got == want
            ok &= same
            print('%-8s events %7d  reference %7d  bench %7d  %s  (%d events/s)'
                  % (profile, len(events), want, got, 'agree' if same else 'DISAGREE', rate))
            if 'warning' in out:
                print('  ' + out.strip().replace('\n', '\n  '))
    return ok


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('out', nargs='?', help='file to write')
    ap.add_argument('--profile', default='normal', choices=PROFILES + ('all',))
    ap.add_argument('--n', type=int, default=100000, help='events (default 100000)')
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--expect', metavar='FILE', help='reference count of an existing file')
    ap.add_argument('--verify', metavar='BENCH', help='check bench_triage on every profile')
    a = ap.parse_args()
    if a.verify:
        return 0 if verify(a.verify, a.n, a.seed) else 1
    if a.expect:
        print('expected batch_triggers %d events' % reference_triggers(read_events(a.expect)))
        return 0
    if not a.out:
        ap.error('give OUT, --expect FILE or --verify BENCH')
    events = generate(a.profile, a.n, a.seed)
    write_events(a.out, events)
    print('wrote %d events to %s' % (len(events), a.out))
    print('expected batch_triggers %d events' % reference_triggers(events))
    return 0


if __name__ == '__main__':
    sys.exit(main())
