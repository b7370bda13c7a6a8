#!/usr/bin/env python3
"""examples/python/triage.py - triage one complaint from Python through
bindings/python/tousu.py (ctypes), with the built-in policy and in-memory store.

    python3 examples/python/triage.py [path/to/libtousu.so.1]

The library path may also come from TOUSU_LIB; default: the system's libtousu.
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                '..', '..', 'bindings', 'python'))
import tousu  # noqa: E402


def main():
    lib = tousu.load(sys.argv[1] if len(sys.argv) > 1 else None)
    print('libtousu %s' % tousu.version(lib)[1])
    # The host's clock: here a fixed instant, 2024-03-04 09:30 +08:00.
    with tousu.Engine(lib, clock=lambda: 1709515800000) as engine:
        # A customer, dissatisfied and wanting the matter resolved (R-DEF-1),
        # who wrote to the provincial supervision hotline (leapfrog, R-LEAP-1).
        r = engine.triage(
            contact_id=1, customer_id=13800000001, matter=4401001,
            intake_ms=0,  # 0: take the time from the clock callback
            category=tousu.CAT_COMPLAINT, flags=tousu.F_COMPLAINT,
            channel=tousu.CH_WEBSITE, body=tousu.BODY_PROV_HOTLINE,
            text='宽带断网三天，要求尽快修复并给出答复')
        print('urgent=%d leapfrog=%s level=%s' % (
            r.urgent, r.has_kind(tousu.KIND_LEAPFROG),
            lib.tousu_level_name(r.level).decode()))
        print(engine.explain(r), end='')
    return 0


if __name__ == '__main__':
    sys.exit(main())
