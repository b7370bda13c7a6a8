#!/usr/bin/env python3
"""R-HOST-5: every public struct's layout is frozen by tests/test_abi_layout.c.

Usage:
  check_layout_coverage.py include/tousu.h tests/test_abi_layout.c
      Fails (exit 1) when a `typedef struct tousu_xxx {` in the header has no
      `LAYOUT(tousu_xxx, ...)` block in the test, when a field of it has no
      `FIELD(name, ...)` line in that block, or when a layout test function
      is not registered with cmocka_unit_test (it would never run).
  check_layout_coverage.py --emit include/tousu.h [tests/test_abi_layout.c] [tousu_xxx ...]
      Compiles a probe with $CC (default cc) and prints, ready to paste,
      a layout test function per struct and the cmocka_unit_test lines to
      add to main(): for the named structs, else for those the given test
      file lacks, else for all.

Python standard library only.
"""
import os
import re
import subprocess
import sys
import tempfile


def strip_comments(text):
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    return re.sub(r"//[^\n]*", " ", text)


def struct_bodies(header_text):
    """Yield (name, body) for each `typedef struct tousu_xxx { ... }`."""
    text = strip_comments(header_text)
    for m in re.finditer(r"typedef\s+struct\s+(tousu_\w+)\s*\{", text):
        depth, i = 1, m.end()
        while depth and i < len(text):
            depth += {"{": 1, "}": -1}.get(text[i], 0)
            i += 1
        yield m.group(1), text[m.end():i - 1]


def field_names(body):
    """Member names of a struct body: plain, array and function pointer."""
    names = []
    for decl in body.split(";"):
        decl = " ".join(decl.split())
        if not decl:
            continue
        fp = re.search(r"\(\s*\*\s*(\w+)\s*\)\s*\(", decl)
        if fp:
            names.append(fp.group(1))
            continue
        decl = re.sub(r"\[[^\]]*\]", "", decl)
        m = re.search(r"(\w+)\s*$", decl)
        if m:
            names.append(m.group(1))
    return names


def header_structs(path):
    with open(path, encoding="utf-8") as f:
        return {name: field_names(body) for name, body in struct_bodies(f.read())}


def layout_blocks(test_text):
    """Map struct name -> FIELD names of its LAYOUT block (until the next
    LAYOUT or the end of the enclosing function)."""
    text = strip_comments(test_text)
    blocks = {}
    marks = list(re.finditer(r"\bLAYOUT\(\s*(tousu_\w+)\s*,", text))
    for k, m in enumerate(marks):
        end = marks[k + 1].start() if k + 1 < len(marks) else len(text)
        fn_end = text.find("\n}", m.end())
        if fn_end != -1:
            end = min(end, fn_end)
        fields = re.findall(r"\bFIELD\(\s*(\w+)\s*,", text[m.end():end])
        blocks.setdefault(m.group(1), []).extend(fields)
    return blocks, text


def check(header, test):
    structs = header_structs(header)
    with open(test, encoding="utf-8") as f:
        blocks, text = layout_blocks(f.read())
    errors = []
    for name, fields in sorted(structs.items()):
        if name not in blocks:
            errors.append(f"{name}: no LAYOUT({name}, ...) block in {test}")
            continue
        for field in fields:
            if field not in blocks[name]:
                errors.append(f"{name}.{field}: no FIELD({field}, ...) line")
        for field in blocks[name]:
            if field not in fields:
                errors.append(f"{name}.{field}: FIELD for a member the header lacks")
    for name in sorted(set(blocks) - set(structs)):
        errors.append(f"{name}: LAYOUT block but no `typedef struct {name} {{` in {header}")
    for fn in re.findall(r"static\s+void\s+(test_\w+)\s*\(\s*void\s*\*\*", text):
        if not re.search(r"cmocka_unit_test\w*\(\s*" + fn + r"\b", text):
            errors.append(f"{fn}: not registered with cmocka_unit_test")
    for e in errors:
        print("FAIL " + e)
    print(f"{len(structs)} public structs, {sum(map(len, structs.values()))} fields, "
          f"{len(errors)} problems")
    return 1 if errors else 0


def emit(header, args):
    structs = header_structs(header)
    names = [a for a in args if not a.endswith(".c")]
    if not names:
        names = list(structs)
        for test in (a for a in args if a.endswith(".c")):
            with open(test, encoding="utf-8") as f:
                have = layout_blocks(f.read())[0]
            names = [n for n in names if n not in have]
    lines = ['#include <stddef.h>', '#include <stdio.h>', '#include "tousu.h"',
             "int main(void)", "{"]
    for name in names:
        if name not in structs:
            sys.exit(f"{name}: not a `typedef struct` in {header}")
        fn = "test_R_HOST_5_layout_" + name[len("tousu_"):]
        lines.append(f'    puts("\\n/* R-HOST-5 */\\nstatic void {fn}(void **state)\\n{{\\n'
                     f'    (void)state;");')
        lines.append(f'    printf("    LAYOUT({name}, %zu);\\n", sizeof({name}));')
        for fld in structs[name]:
            lines.append(f'    printf("    FIELD({fld}, %zu, %zu);\\n", '
                         f'offsetof({name}, {fld}), sizeof((({name} *)0)->{fld}));')
        lines.append('    puts("}");')
    lines.append('    puts("\\n/* in main(): */");')
    for name in names:
        fn = "test_R_HOST_5_layout_" + name[len("tousu_"):]
        lines.append(f'    puts("        cmocka_unit_test({fn}),");')
    lines += ["    return 0;", "}"]
    with tempfile.TemporaryDirectory() as tmp:
        src, exe = os.path.join(tmp, "probe.c"), os.path.join(tmp, "probe")
        with open(src, "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
        cc = os.environ.get("CC", "cc").split()
        inc = os.path.dirname(os.path.abspath(header))
        subprocess.run(cc + ["-std=c11", "-I", inc, src, "-o", exe], check=True)
        subprocess.run([exe], check=True)
    return 0


def main(argv):
    if len(argv) >= 2 and argv[0] == "--emit":
        return emit(argv[1], argv[2:])
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    return check(argv[0], argv[1])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
