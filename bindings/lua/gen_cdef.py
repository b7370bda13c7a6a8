#!/usr/bin/env python3
"""gen_cdef.py - (re)generate the ffi.cdef text embedded in bindings/lua/tousu.lua
from `cc -E -P include/tousu.h`, or check that it is up to date.

    bindings/lua/gen_cdef.py            rewrite the M.CDEF block in place
    bindings/lua/gen_cdef.py --check    exit 1 (with a diff) when it differs

The embedded part runs from `enum { TOUSU_VERSION_MAJOR` to the declaration
of tousu_memstore_bytes: the triage API (the SLA and script sections that
follow are left to TOUSU_CDEF, see tousu.lua). Enum lists are re-wrapped to
save lines; nothing else changes. Env: CC (default cc). Standard library only.
"""
import argparse
import difflib
import os
import shlex
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, '..', '..'))
BEGIN, END = 'M.CDEF = [==[\n', ']==]'


def preprocess(header, cc):
    include = os.path.dirname(header)
    cmd = shlex.split(cc) + ['-E', '-P', '-I', include, header]
    return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout


def extract(text):
    lines = text.split('\n')
    start = next(i for i, l in enumerate(lines) if l.strip().startswith('TOUSU_VERSION_MAJOR'))
    start -= 1   # the `enum {` line
    end = next(i for i, l in enumerate(lines) if 'tousu_memstore_bytes(' in l)
    return lines[start:end + 1]


def wrap(items, indent='  ', width=96):
    out, cur = [], indent
    for item in items:
        piece = item if not cur.strip() else ' ' + item
        if cur.strip() and len(cur) + len(piece) > width:
            out.append(cur.rstrip())
            cur = indent + item
        else:
            cur += piece
    if cur.strip():
        out.append(cur.rstrip())
    return out


def format_cdef(lines):
    """Indentation comes from the brace depth, not from the preprocessor
    (gcc and clang indent -P output differently)."""
    out, i, depth, parens = [], 0, 0, 0
    while i < len(lines):
        line = lines[i].strip()
        if line.startswith('typedef enum') or line == 'enum {':
            body = []
            i += 1
            while not lines[i].strip().startswith('}'):
                body.append(lines[i].strip())
                i += 1
            out += [line] + wrap(body) + [lines[i].strip()]
        elif line:
            if line.startswith('}'):
                depth -= 1
            cont = '    ' if parens > 0 else ''  # a declaration's next line
            out.append('  ' * max(depth, 0) + cont + line)
            depth += line.count('{') - (line.count('}') - line.startswith('}'))
            parens += line.count('(') - line.count(')')
        i += 1
    return '\n'.join(out) + '\n'


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--check', action='store_true')
    ap.add_argument('--header', default=os.path.join(ROOT, 'include', 'tousu.h'))
    ap.add_argument('--lua', default=os.path.join(HERE, 'tousu.lua'))
    a = ap.parse_args()
    want = format_cdef(extract(preprocess(a.header, os.environ.get('CC', 'cc'))))
    with open(a.lua, encoding='utf-8') as f:
        lua = f.read()
    b = lua.index(BEGIN) + len(BEGIN)
    e = lua.index(END, b)
    have = lua[b:e]
    if have == want:
        print('%s: embedded cdef matches %s' % (os.path.relpath(a.lua), os.path.relpath(a.header)))
        return 0
    if a.check:
        sys.stdout.writelines(difflib.unified_diff(have.splitlines(True), want.splitlines(True),
                                                   'tousu.lua (embedded)', 'cc -E -P tousu.h'))
        print('FAIL: run bindings/lua/gen_cdef.py to update the embedded cdef')
        return 1
    with open(a.lua, 'w', encoding='utf-8') as f:
        f.write(lua[:b] + want + lua[e:])
    print('%s: embedded cdef updated' % os.path.relpath(a.lua))
    return 0


if __name__ == '__main__':
    sys.exit(main())
