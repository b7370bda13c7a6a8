#!/usr/bin/env python3
"""R-HOST-5: the shared library exports exactly what the ABI promises.

Usage: check_symbols.py LIBRARY.so src/tousu.map include/tousu.h [SONAME]

Checks (docs/abi.md), each failure printed as a FAIL line, exit 1 if any:
  - every exported symbol (not starting with '_') starts with tousu_ and is
    a function (no exported data: it would freeze a size into the ABI);
  - every exported symbol carries the version of the map node that lists it
    (today all are @@TOUSU_1.0);
  - the exported set equals the names in the version script's global: lists;
  - the TOUSU_API functions of the header equal the names in the map;
  - the map is well formed: nodes named TOUSU_<major>.<minor>, no wildcard
    or duplicate in global:, and `local: *;` in the first node;
  - `readelf -d` shows SONAME (default libtousu.so.1).
Python standard library only; needs binutils (nm, readelf).
"""
import re
import subprocess
import sys

NODE_RE = re.compile(r"^TOUSU_[0-9]+\.[0-9]+$")


def run(cmd):
    return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout


def strip_comments(text):
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    return re.sub(r"(//|#)[^\n]*", " ", text)


def parse_map(path, errors):
    """Return {symbol: node} from the global: lists of a version script."""
    with open(path, encoding="utf-8") as f:
        text = strip_comments(f.read())
    symbols, nodes = {}, []
    for m in re.finditer(r"([\w.]+)\s*\{(.*?)\}\s*([\w.]*)\s*;", text, flags=re.S):
        node, body = m.group(1), m.group(2)
        nodes.append(node)
        if not NODE_RE.match(node):
            errors.append(f"map: node {node} is not named TOUSU_<major>.<minor>")
        section = "global"
        for part in re.split(r"\b(global|local)\s*:", body):
            part = part.strip()
            if part in ("global", "local"):
                section = part
                continue
            for name in filter(None, (s.strip() for s in part.split(";"))):
                if section == "local":
                    if name != "*" or len(nodes) > 1:
                        errors.append(f"map: unexpected local entry {name!r} in {node}")
                    continue
                if not re.match(r"^\w+$", name):
                    errors.append(f"map: {node} global entry {name!r} is not a plain name")
                elif name in symbols:
                    errors.append(f"map: {name} listed twice ({symbols[name]}, {node})")
                else:
                    symbols[name] = node
        if len(nodes) == 1 and not re.search(r"\blocal\s*:\s*\*\s*;", body):
            errors.append(f"map: first node {node} lacks `local: *;`")
    if not nodes:
        errors.append("map: no version node found")
    return symbols, nodes


def parse_header(path):
    """Names of the functions declared with TOUSU_API."""
    with open(path, encoding="utf-8") as f:
        lines = [l for l in f.read().splitlines() if not l.lstrip().startswith("#")]
    text = strip_comments("\n".join(lines))
    return set(re.findall(r"\bTOUSU_API\b[^;{}]*?\b(tousu_\w+)\s*\(", text))


def exported(lib, nodes, errors):
    """{name: (nm type, version or '')} of the defined dynamic symbols."""
    out = {}
    for line in run(["nm", "-D", "--defined-only", "--with-symbol-versions", lib]).splitlines():
        fields = line.split()
        if len(fields) != 3:
            continue
        kind, sym = fields[1], fields[2]
        name, _, version = sym.partition("@")
        version = version.lstrip("@")
        if kind == "A" and not version:  # a version node's marker symbol
            if name not in nodes:
                errors.append(f"{lib}: has version node {name}, which the map lacks")
            continue
        out[name] = (kind, version)
    return out


def soname(lib):
    m = re.search(r"\(SONAME\)\s+Library soname: \[([^\]]+)\]", run(["readelf", "-d", "-W", lib]))
    return m.group(1) if m else None


def main(argv):
    if len(argv) not in (3, 4):
        print(__doc__, file=sys.stderr)
        return 2
    lib, map_path, header = argv[:3]
    want_soname = argv[3] if len(argv) == 4 else "libtousu.so.1"
    errors = []
    in_map, nodes = parse_map(map_path, errors)
    in_header = parse_header(header)
    exports = exported(lib, nodes, errors)
    public = {n: v for n, v in exports.items() if not n.startswith("_")}

    for name, (kind, version) in sorted(public.items()):
        if not name.startswith("tousu_"):
            errors.append(f"{lib}: exports {name} without the tousu_ prefix")
        if kind not in "Ti":
            errors.append(f"{lib}: exports {name} of nm type {kind}: only functions may be exported")
        want = in_map.get(name)
        if want and version != want:
            errors.append(f"{lib}: {name} has version {version or '(none)'}, map says {want}")
    for name in sorted(set(public) - set(in_map)):
        errors.append(f"{lib}: exports {name}, which src/tousu.map does not list")
    for name in sorted(set(in_map) - set(public)):
        errors.append(f"{lib}: does not export {name}, listed in the map ({in_map[name]})")
    for name in sorted(in_header - set(in_map)):
        errors.append(f"{header}: TOUSU_API {name} is not in the map")
    for name in sorted(set(in_map) - in_header):
        errors.append(f"map: {name} has no TOUSU_API declaration in the header")
    got_soname = soname(lib)
    if got_soname != want_soname:
        errors.append(f"{lib}: SONAME is {got_soname}, expected {want_soname}")

    for e in errors:
        print("FAIL " + e)
    per_node = {n: sum(1 for v in in_map.values() if v == n) for n in nodes}
    print(f"{len(public)} exported, {len(in_map)} in map "
          f"({', '.join(f'{n}: {c}' for n, c in per_node.items())}), "
          f"{len(in_header)} TOUSU_API in header, SONAME {got_soname}; {len(errors)} problems")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
