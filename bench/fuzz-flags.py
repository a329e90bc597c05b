#!/usr/bin/env python3
"""Prints what bench/fuzz-build.sh needs from a SwiftPM debug build: the `quorum` module's search
paths and C module maps ("compile"), or the `quorum` product's object files minus the CLI's own
("objects", a file list) and its libraries ("libraries"), read from the build's llbuild manifest (debug.yaml), so the fuzz harnesses compile
against exactly the modules SwiftPM built."""
import json
import sys

manifest, what = sys.argv[1], sys.argv[2]
commands = {}
name = None
for line in open(manifest):
    stripped = line.strip()
    if line.startswith('  "') and stripped.endswith('":'):
        name = stripped[1:-2]
    elif stripped.startswith("args:") and name:
        commands[name] = json.loads(stripped[len("args:"):])


def command(suffix):
    for key, args in commands.items():
        if key.startswith("C.quorum-") and key.endswith(suffix):
            return args
    sys.exit(f"{manifest} has no quorum {suffix} command: run `swift build` first")


if what == "compile":
    args = command("-debug.module")
    keep = []
    i = 0
    while i < len(args):
        if args[i] in ("-I", "-Xcc", "-target"):
            keep += args[i:i + 2]
            i += 2
            continue
        if args[i].startswith("-D"):
            keep.append(args[i])
        i += 1
    print("\n".join(keep))
elif what == "objects":
    args = command("-debug.exe")
    file_list = next(a[1:] for a in args if a.startswith("@") and a.endswith("LinkFileList"))
    # Lines keep the list's own quoting (paths may hold spaces): the result is itself a file list.
    for line in open(file_list).read().splitlines():
        if line.strip() and "/quorum.build/" not in line:
            print(line)
elif what == "libraries":
    print("\n".join(flag for flag in command("-debug.exe") if flag.startswith("-l")))
